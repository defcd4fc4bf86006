# English is the second language, but the figures stay Vietnamese-shaped (dd/mm/yyyy; 1.234.567 đ)
# so a printed page reads the same whichever language the menus are in.
from khuyencong.formats.vi.formats import *  # noqa: F403
