"""Placeholder: being written."""

from django.http import HttpResponse


def plan_list(request, pk=None):
    return HttpResponse(status=501)


def plan_open(request, pk=None):
    return HttpResponse(status=501)


def plan_detail(request, pk=None):
    return HttpResponse(status=501)
