"""``carveout audit``: verify the audit trail and take witnesses of its head.

Exit codes: 0 when the trail verifies, 1 when anything was altered, removed or
inserted behind carveout's back (or a witness no longer holds).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from carveout.cli.app import app, console
from carveout.errors import CarveoutError

if TYPE_CHECKING:
    from carveout.storage.chain import Link
    from carveout.storage.verify import Verification

audit = typer.Typer(no_args_is_help=True, rich_markup_mode="rich")
app.add_typer(audit, name="audit")

TAMPERED = 1
"""The exit code when the trail or the records were tampered with."""


@audit.callback()
def audit_group() -> None:
    """Verify the audit trail's hash chain and records; print its head as a witness.

    Example: carveout audit verify --checkpoint 1234:9f86d081884c7d65…
    """


@audit.command()
def verify(
    checkpoint: Annotated[
        list[str] | None,
        typer.Option(
            "--checkpoint",
            metavar="ID:HASH",
            help="A witness from carveout audit checkpoint or a governance pack: prove "
            "nothing up to that entry was rewritten (repeat for several).",
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many problems.")] = 20,
) -> None:
    """Verify the audit trail: its hash chain, the witnesses given and the stored records.

    Checks every entry's hash and its link to the one before, the last
    entry carveout wrote, each --checkpoint witness, and that replaying
    the trail gives exactly the records stored now. Exit code 0: verified;
    1: tampered, naming the first entry or record altered, removed or
    inserted behind carveout's back.

    Example: carveout audit verify --checkpoint 1234:9f86d081884c7d65…
    """
    from carveout.storage import open_store
    from carveout.storage.verify import Checkpoint
    from carveout.storage.verify import verify as verify_trail

    try:
        witnesses = [Checkpoint.parse(text) for text in checkpoint or []]
    except CarveoutError as error:
        raise typer.BadParameter(str(error), param_hint="'--checkpoint'") from None
    with open_store() as store:
        result = verify_trail(store.engine, checkpoints=witnesses)
        where = store.url
    _report(result, where=where, limit=limit)
    if not result.ok:
        raise typer.Exit(TAMPERED)


@audit.command()
def checkpoint(
    no_verify: Annotated[
        bool, typer.Option("--no-verify", help="Print the head without verifying first.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="Print only ID:HASH.")] = False,
) -> None:
    """Print the head of the audit trail as a witness for each party to keep.

    The head is the last entry, its SHA-256 and when it was written.
    Later, carveout audit verify --checkpoint ID:HASH proves nothing up to
    it was rewritten. The trail is verified first: a tampered trail gets
    no witness (exit code 1).

    Example: carveout audit checkpoint
    """
    from carveout.storage import open_store
    from carveout.storage.chain import read_head
    from carveout.storage.verify import verify as verify_trail

    with open_store() as store:
        if not no_verify:
            result = verify_trail(store.engine)
            if not result.ok:
                _report(result, where=store.url, limit=20)
                console.print("No witness: the trail does not verify.")
                raise typer.Exit(TAMPERED)
        with store.engine.connect() as connection:
            head = read_head(connection)
    if head is None:
        console.print("The audit trail is empty: there is no head to witness yet.")
        return
    if quiet:
        console.print(head.witness, soft_wrap=True, markup=False)
        return
    console.print(f"Head of the audit trail: entry {head.id}, written {_when(head)}.")
    console.print(f"SHA-256: {head.hash}", soft_wrap=True, markup=False)
    console.print("Witness (keep it where the other parties can see it):")
    console.print(head.witness, soft_wrap=True, markup=False)
    console.print(
        f"Later, carveout audit verify --checkpoint {head.witness} proves that nothing up to "
        f"entry {head.id} was rewritten.",
        soft_wrap=True,
        markup=False,
    )


def _report(result: Verification, *, where: str, limit: int) -> None:
    head = f"; head entry {result.head.id}, written {_when(result.head)}" if result.head else ""
    console.print(f"Audit trail of {escape(where)}: {result.entries:,} entries{head}.")
    if result.head is not None:
        console.print(f"Head: {result.head.witness}", soft_wrap=True, markup=False)
    console.print(result.completeness)
    for witness in result.held:
        console.print(
            f"Witness {witness.id}:{witness.hash[:12]}… holds: nothing up to entry "
            f"{witness.id} was rewritten."
        )
    seconds = f"{result.seconds:.1f} s"
    if result.ok:
        console.print(
            f"The {result.records:,} stored records are exactly what the trail says they are."
        )
        console.print(
            f"[bold green]Verified[/]: nothing was altered, removed or inserted ({seconds})."
        )
        return
    findings = result.findings
    console.print(
        f"[bold red]Tampered[/]: {len(findings)} problem(s) found ({seconds}). "
        f"The first: {escape(findings[0].what)}"
    )
    for finding in findings[:limit]:
        console.print(f"  - {escape(finding.what)}")
    if len(findings) > limit:
        console.print(f"  … and {len(findings) - limit} more (--limit to see them).")


def _when(link: Link) -> str:
    return f"{link.at:%d %b %Y %H:%M:%S} UTC"
