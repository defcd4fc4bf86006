"""Placeholder: being written."""

from django.http import HttpResponse


def project_create(request, pk=None):
    return HttpResponse(status=501)


def project_edit(request, pk=None):
    return HttpResponse(status=501)
