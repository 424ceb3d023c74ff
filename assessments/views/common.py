"""What the assessment's timescale and review pages share."""

from cases import access


def case_for_page(request, pk: int):
    """Looking needs view rights; a POST changes the case, so it needs change rights (404 otherwise) and
    the case open."""
    if request.method == "POST":
        return access.get_case_for_change(request.user, pk, open_only=True)
    return access.get_case_for_view(request.user, pk)
