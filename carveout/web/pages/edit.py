"""Forms to add, change and delete records, validated like the workbook import.

The forms are for those who may change something (:data:`~carveout.web.views.Writer`);
each save is ruled by the store for the signed-in user: a change to another party's
record is refused with the reason, a change to a record that binds other parties
becomes a proposal (shown on the Proposals page), the rest is saved.

Each form carries the version of the record it was opened on; the store saves it only if
that is still the stored version (:mod:`carveout.storage.versions`). When someone else
changed the record meanwhile, the form comes back (409) with the user's values beside the
current ones and the current version, so saving again applies the merge the user made.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from carveout.domain import ENTITY_KINDS, Record
from carveout.errors import Conflict, Forbidden, NotFound, ValidationFailed
from carveout.storage.versions import ABSENT, version
from carveout.web import form_rows, forms
from carveout.web.pages.render import render
from carveout.web.views import SeenContext, Writer
from carveout.web.writing import Writes

router = APIRouter()
PER_PAGE = 100
"""Records per page of the list of one kind."""

KEY_FIELDS = {"dependency": ("service", "depends_on"), "migration": ("service",)}
"""Fields that make up a record's key; fixed once the record exists."""


def _kind(kind: str) -> str:
    if kind not in forms.EDITABLE:
        names = ", ".join(forms.EDITABLE)
        raise NotFound(f"Records of kind {kind!r} cannot be edited here; editable kinds: {names}.")
    return kind


def _after_save(kind: str, record: Record) -> str:
    """Where to go once saved: the page that shows the record."""
    key = record.key
    if kind in ("exit_criterion", "exit_decision"):
        return f"/readiness?service={quote(str(getattr(record, 'service', '')))}&saved={quote(key)}"
    if kind in ("service", "migration"):
        return f"/services/{quote(key)}?saved=1"
    if kind == "dependency":
        return f"/services/{quote(key.split('->')[0])}?saved=1"
    if kind in ("agreement", "tranche"):
        return "/agreements?saved=1"
    return f"/edit?kind={kind}&saved={quote(key)}"


def _form(
    request: Request,
    kind: str,
    *,
    values: dict[str, str],
    original: str,
    errors: dict[str, list[str]] | None = None,
    problems: list[str] | None = None,
    status: int = 200,
    stored: Record | None = None,
    conflict: Conflict | None = None,
    more: str = "",
    opened_on: str = "",
) -> HTMLResponse:
    """The form for a ``kind`` record, opened on the ``stored`` one (its version goes with
    it); after a ``conflict``, with the user's values beside the current ones. ``more`` names
    a rows field the user asked more blank rows of; ``opened_on`` the version a form shown
    again was opened on, which it keeps."""
    inputs = forms.inputs(kind)
    locked = KEY_FIELDS.get(kind, ("code",)) if original else ()
    differences = []
    if conflict is not None and conflict.current is not None:
        differences = forms.differences(kind, values, forms.values(conflict.current))
    return render(
        request,
        "edit_form.html",
        page="edit",
        title=f"{'Change' if original else 'Add'} {forms.EDITABLE[kind].lower()}",
        kind=kind,
        kind_label=forms.EDITABLE[kind],
        inputs=inputs,
        rows=form_rows.drawn(inputs, values, more=more),
        values=values,
        original=original,
        locked=locked,
        errors=errors or {},
        problems=problems or [],
        status=status,
        version=opened_on or _version(stored, original),
        conflict=conflict,
        differences=differences,
    )


def _version(stored: Record | None, original: str) -> str:
    """The version a form saves onto: the stored record's, or for a new record that none is
    stored yet (so a record someone else added meanwhile is a conflict, not overwritten)."""
    if stored is not None:
        return version(stored)
    return "" if original else ABSENT


@router.get("/edit", response_class=HTMLResponse)
def edit_index(
    request: Request,
    ctx: SeenContext,
    _writer: Writer,
    kind: str = "service",
    saved: str = "",
    page: Annotated[int, Query(ge=1, le=1_000_000, description="Page, from 1")] = 1,
) -> HTMLResponse:
    kind = _kind(kind)
    records = ctx.portfolio.get().records(kind)
    pages = max(1, -(-len(records) // PER_PAGE))
    page = min(page, pages)
    return render(
        request,
        "edit_index.html",
        page="edit",
        title="Edit",
        kind=kind,
        kinds=forms.EDITABLE,
        records=records[(page - 1) * PER_PAGE : page * PER_PAGE],
        total=len(records),
        number=page,
        pages=pages,
        saved=saved,
    )


@router.get("/edit/{kind}/new", response_class=HTMLResponse)
def new_record(request: Request, _writer: Writer, kind: str) -> HTMLResponse:
    kind = _kind(kind)
    names = set(ENTITY_KINDS[kind].model_fields)
    prefill = {k: v for k, v in request.query_params.items() if k in names}
    return _form(request, kind, values=prefill, original="")


@router.get("/edit/{kind}/{key:path}", response_class=HTMLResponse)
def edit_record(
    request: Request, ctx: SeenContext, _writer: Writer, kind: str, key: str
) -> HTMLResponse:
    kind = _kind(kind)
    record = ctx.portfolio.get().by_key(kind).get(key)
    if record is None:
        raise NotFound(f"There is no {kind} {key!r}; add it with the New button instead.")
    return _form(request, kind, values=forms.values(record), original=key, stored=record)


@router.post("/edit/{kind}", response_class=HTMLResponse)
async def save_record(request: Request, w: Writes, kind: str) -> Response:
    kind = _kind(kind)
    posted = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    original = posted.pop("_original", "")
    opened_on = posted.pop("_version", "")
    more = posted.pop("_more", "")
    if more:
        # "Add another row": the same form with more blank rows and all typed kept; nothing
        # is checked or written, and the version it was opened on goes with it.
        return _form(
            request, kind, values=posted, original=original, more=more, opened_on=opened_on
        )
    try:
        record = forms.parse(kind, posted)
    except forms.FormErrors as error:
        return _form(
            request,
            kind,
            values=posted,
            original=original,
            errors=error.messages,
            status=422,
            opened_on=opened_on,
        )
    try:
        outcome = w.put(kind, record, expected={opened_on} if opened_on else None)
    except Conflict as error:
        return _conflict(request, kind, posted, original, error)
    except ValidationFailed as error:
        errors, problems = forms.placed_problems(kind, record.key, posted, error.problems)
        return _form(
            request,
            kind,
            values=posted,
            original=original,
            errors=errors,
            problems=problems if problems or errors else [str(error)],
            status=422,
            opened_on=opened_on,
        )
    except Forbidden as error:
        problems = [str(p) for p in getattr(error, "refusals", [])]
        return _form(
            request,
            kind,
            values=posted,
            original=original,
            problems=problems or [str(error)],
            status=403,
            opened_on=opened_on,
        )
    if outcome.proposals:
        return RedirectResponse(_proposed(outcome.proposals[0].id), status_code=303)
    return RedirectResponse(_after_save(kind, record), status_code=303)


def _conflict(
    request: Request, kind: str, posted: dict[str, str], original: str, error: Conflict
) -> HTMLResponse:
    """The form again (409) with the user's values, the current ones beside them, and the
    current version, so that saving it again applies what the user settles on (a new record
    someone else added meanwhile becomes a change of theirs)."""
    return _form(
        request,
        kind,
        values=posted,
        original=error.key if error.current is not None else original,
        status=409,
        stored=error.current,
        conflict=error,
    )


def _proposed(proposal_id: int) -> str:
    return f"/proposals?made={proposal_id}#proposal-{proposal_id}"


@router.post("/edit/{kind}/{key:path}/delete")
def delete_record(
    request: Request,
    w: Writes,
    kind: str,
    key: str,
    confirm: Annotated[str, Form()] = "",
    opened_on: Annotated[str, Form(alias="_version")] = "",
) -> Response:
    kind = _kind(kind)
    if w.ctx.portfolio.get().by_key(kind).get(key) is None:
        raise NotFound(f"There is no {kind} {key!r} to delete.")
    if confirm != "yes":
        return RedirectResponse(f"/edit/{kind}/{quote(key)}", status_code=303)
    try:
        outcome = w.delete(kind, key, expected={opened_on} if opened_on else None)
    except Conflict as error:
        current = forms.values(error.current)
        return _conflict(request, kind, current, key, error)
    if outcome.proposals:
        return RedirectResponse(_proposed(outcome.proposals[0].id), status_code=303)
    return RedirectResponse(f"/edit?kind={kind}&saved=deleted", status_code=303)
