"""Placeholder: being written."""

from django.http import HttpResponse


def beneficiary_list(request, pk=None):
    return HttpResponse(status=501)


def beneficiary_create(request, pk=None):
    return HttpResponse(status=501)


def beneficiary_search(request, pk=None):
    return HttpResponse(status=501)


def beneficiary_detail(request, pk=None):
    return HttpResponse(status=501)


def beneficiary_edit(request, pk=None):
    return HttpResponse(status=501)
