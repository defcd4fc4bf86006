"""Placeholder: being written."""

from django.http import HttpResponse


def project_list(request, pk=None):
    return HttpResponse(status=501)


def project_detail(request, pk=None):
    return HttpResponse(status=501)
