from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class PortalLocaleMiddleware:
    """Vietnamese unless the user picked English (language cookie, set by the footer switch).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a ministry clerk with
    an English-language browser would get English menus on a Vietnamese government system.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class NoStoreForSignedInMiddleware:
    """Pages and exports seen by a signed-in user are never stored by the browser or a proxy:
    offices share computers, and the back button after logging out must not show a đề án's
    money to the next person. Static files (served before this, by WhiteNoise) stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(settings.STATIC_URL)
        ):
            add_never_cache_headers(response)
        return response
