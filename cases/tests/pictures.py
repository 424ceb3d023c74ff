"""Pictures for the tests of the young person's photo: made with Pillow, with the hidden details a phone
saves (where and when, the camera), or broken in the ways a hostile upload is."""

import io
import struct
import zlib

from PIL import ExifTags, Image

CAMERA = "Rochdale-Phone-X"


def with_location(size=(1200, 900), fmt="JPEG") -> bytes:
    """A photo as a phone saves it: EXIF with the camera, the time and the place it was taken (GPS)."""
    picture = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CAMERA
    exif[ExifTags.Base.DateTime] = "2026:11:30 16:45:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (53.0, 36.0, 59.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (2.0, 9.0, 40.0)
    out = io.BytesIO()
    picture.save(out, format=fmt, exif=exif, comment=b"taken at home" if fmt == "JPEG" else None)
    return out.getvalue()


def plain(size=(40, 30), fmt="PNG", mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "white" if mode != "RGBA" else (0, 0, 0, 0)).save(out, format=fmt)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG file whose header says it is `width` x `height`: it would open into that many pixels
    (a "decompression bomb")."""
    data = plain((1, 1), "PNG")
    start = data.index(b"IHDR")
    header = struct.pack(">II", width, height) + data[start + 12 : start + 17]
    chunk = b"IHDR" + header
    return data[: start - 4] + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[start + 21 :]


def has_hidden_details(data: bytes) -> bool:
    """Whether a picture still carries EXIF (any of it), a comment, XMP or the camera's name."""
    picture = Image.open(io.BytesIO(data))
    return (
        bool(picture.getexif())
        or any(key in picture.info for key in ("exif", "comment", "xmp", "icc_profile"))
        or (CAMERA.encode() in data or b"Exif" in data)
    )
