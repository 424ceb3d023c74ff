"""The young person's photo: checked, re-encoded and kept where no web server serves it.

A photo from a phone carries where and when it was taken (EXIF, GPS) and sometimes more (XMP, comments,
an embedded thumbnail). Nothing of the file that was sent is kept: Pillow reads its pixels and writes a
new JPEG with none of that, at most `MAX_SIDE` pixels a side. Whatever Pillow cannot read as a JPEG, PNG
or WebP picture is refused, and so is a picture so large when opened that it could exhaust the memory
(a "decompression bomb": a small file that opens into billions of pixels).
"""

import io
import os
import threading
import uuid
import warnings
from contextlib import contextmanager

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 800
# The largest picture opened at all, in pixels: 40 million is more than any phone's camera gives
# (a 12-megapixel photo is 4032 x 3024), far less than would hurt the server.
MAX_PIXELS = 40_000_000
FORMATS = ("JPEG", "PNG", "WEBP")
QUALITY = 85


class PhotoError(ValueError):
    """Why a photo was refused, in plain words for the young person."""


class PrivateStorage(FileSystemStorage):
    """A folder of files that have no public address (settings.PRIVATE_FILES_ROOT). The folder is read
    from the settings each time, so tests can point it at a temporary folder."""

    def __init__(self):
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @property
    def base_location(self):
        return str(settings.PRIVATE_FILES_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no address: they are served by a view that checks access.")


# Pillow's switch for reading pictures that are cut short is one for the whole process, and WeasyPrint
# turns it on when it is imported (for the PDFs): a photo is read with it off, one at a time.
_STRICT = threading.Lock()


@contextmanager
def _strict_reading():
    from PIL import ImageFile

    with _STRICT:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def _opened(data: bytes):
    """The picture in `data`, checked to be one of FORMATS and not too large to open."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings(), _strict_reading():
            # Pillow only warns between its own limit and twice it; here any bomb is refused.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(data), formats=FORMATS)
            width, height = picture.size
            if width * height > MAX_PIXELS:
                raise PhotoError(_("That picture is too big. Choose a smaller one."))
            picture.load()
    except PhotoError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        if isinstance(error, UnidentifiedImageError):
            raise PhotoError(_("That file is not a photo we can use. Choose a JPEG, PNG or WebP picture.")) from error
        raise PhotoError(_("That picture is too big. Choose a smaller one.")) from error
    except (OSError, SyntaxError, ValueError) as error:
        # A file that starts like a picture but is cut short or broken inside.
        raise PhotoError(_("That photo could not be opened. Try another one.")) from error
    return picture


def clean(data: bytes) -> bytes:
    """The photo in `data`, re-encoded as a JPEG with no metadata, at most MAX_SIDE pixels a side."""
    from PIL import Image, ImageOps

    if len(data) > MAX_BYTES:
        raise PhotoError(_("That photo is bigger than 5 MB. Choose a smaller one."))
    if not data:
        raise PhotoError(_("That file is empty. Choose a photo."))
    picture = _opened(data)
    # Turned the way the phone held it before its notes (EXIF) are left behind.
    picture = ImageOps.exif_transpose(picture)
    if picture.mode in ("RGBA", "LA", "P"):
        picture = picture.convert("RGBA")
        flat = Image.new("RGB", picture.size, "white")
        flat.paste(picture, mask=picture.getchannel("A"))
        picture = flat
    else:
        picture = picture.convert("RGB")
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    # A new image from the pixels alone: no `info` (EXIF, ICC, XMP, comments) comes across.
    clean_picture = Image.new("RGB", picture.size)
    clean_picture.paste(picture)
    out = io.BytesIO()
    clean_picture.save(out, format="JPEG", quality=QUALITY, optimize=True)
    return out.getvalue()


def as_file(data: bytes) -> ContentFile:
    """A cleaned photo, with a name that says nothing of whose it is."""
    return ContentFile(data, name=f"{uuid.uuid4().hex}.jpg")


def read(name: str) -> bytes:
    from .models.appearance import photo_storage

    with photo_storage().open(name, "rb") as photo:
        return photo.read()
