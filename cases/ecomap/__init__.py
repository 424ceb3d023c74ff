"""The ecomap: a picture of the network around a young person, drawn as SVG on the server.

The young person is in the centre; the people and services around them sit on three rings by how close
the young person feels to them (close inside, distant outside). The line to each shows whether the young
person sees them as a support, a worry, both, or is not sure: by line pattern and width as well as colour,
so the picture does not rely on colour alone. Professionals and services are squares, everyone else is a
circle.

`ecomap_svg` is a pure function (no database, no request): it takes the young person's name and the
members (any objects with `name`, `closeness`, `young_persons_view`, `kind` and optionally `relationship`
and `agency`) and returns the markup.

- `text`: measuring and wrapping the labels;
- `layout`: placing the members on the rings, and growing the rings until no two labels clash;
- `svg`: drawing it all, with its text alternative, and the legend's samples;
- `own`: the network as the young person sees it, for their own picture and beside the staff's.
"""

from .layout import LABEL_FONT, LABEL_MAX_W, RINGS, Placed
from .own import YOUNG_PERSON_WORDS, Seen, as_they_see_it, who_they_are
from .svg import STAFF_WORDS, STYLES, Words, ecomap_svg, legend, shape_samples
from .text import text_width, wrap

__all__ = [
    "LABEL_FONT",
    "LABEL_MAX_W",
    "RINGS",
    "STAFF_WORDS",
    "STYLES",
    "YOUNG_PERSON_WORDS",
    "Placed",
    "Seen",
    "Words",
    "as_they_see_it",
    "ecomap_svg",
    "legend",
    "shape_samples",
    "text_width",
    "who_they_are",
    "wrap",
]
