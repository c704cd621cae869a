"""Signing in and out: the sign-in page, sign-out, "sign out everywhere", and the account
page (who you are, your sessions, changing your password)."""

from __future__ import annotations

from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from carveout.access.passwords import WeakPassword, check_password, hash_password, verify_password
from carveout.storage import accounts, credentials, providers
from carveout.web.auth import cookies
from carveout.web.auth.config import AuthConfig
from carveout.web.auth.signin import open_session, sign_in_async
from carveout.web.deps import Context, PrincipalDep, WebContext
from carveout.web.pages.render import render
from carveout.web.templating import templates

router = APIRouter(include_in_schema=False)


def safe_next(value: str | None) -> str:
    """``value`` if it is a path of this site, else ``/`` (never another site)."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return "/"
    return value


def _auth(ctx: WebContext) -> AuthConfig:
    assert ctx.auth is not None, "the app was built without sign-in"
    return ctx.auth


def _login_page(
    request: Request,
    ctx: WebContext,
    *,
    next_path: str,
    email: str = "",
    problem: str = "",
    status: int = 200,
) -> HTMLResponse:
    auth = _auth(ctx)
    token = cookies.login_token(request)
    sso = [p.organisation for p in providers.list_providers(auth.engine)]
    response: HTMLResponse = templates.TemplateResponse(
        request,
        "login.html",
        {
            "page": "login",
            "title": "Sign in",
            "next": next_path,
            "email": email,
            "problem": problem,
            "login_token": token,
            "sso": sso,
        },
        status_code=status,
        headers={"Cache-Control": "no-store"},
    )
    cookies.set_login_token(response, request, auth, token)
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, ctx: Context, next: str | None = None) -> Response:
    if getattr(request.state, "principal", None) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_page(request, ctx, next_path=safe_next(next))


@router.post("/login", response_class=HTMLResponse)
async def login(
    request: Request,
    ctx: Context,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    login_token: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Check the password; on success open a session and go where the user was going."""
    target = safe_next(next)
    if not cookies.login_token_matches(request, login_token):
        return _login_page(
            request,
            ctx,
            next_path=target,
            email=email,
            problem="The sign-in form had expired: please sign in again.",
            status=403,
        )
    auth = _auth(ctx)
    outcome = await sign_in_async(
        auth,
        email=email,
        password=password,
        address=request.client.host if request.client else "unknown",
        agent=request.headers.get("user-agent", ""),
    )
    if outcome.session is None:
        return _login_page(
            request, ctx, next_path=target, email=email, problem=outcome.problem, status=401
        )
    response = RedirectResponse(target, status_code=303)
    cookies.set_session(response, request, auth, outcome.session.cookie)
    return response


def _signed_out() -> RedirectResponse:
    """Back to the sign-in page, the browser's session cookie cleared."""
    response = RedirectResponse("/login", status_code=303)
    cookies.clear_session(response)
    return response


@router.post("/logout")
def logout(request: Request, ctx: Context, who: PrincipalDep) -> RedirectResponse:
    """End this browser's session."""
    auth = _auth(ctx)
    if who.session is not None:
        credentials.revoke_session(auth.engine, session_id=who.session, at=auth.now())
    return _signed_out()


@router.post("/logout/everywhere")
def logout_everywhere(request: Request, ctx: Context, who: PrincipalDep) -> RedirectResponse:
    """End every session of the signed-in user, on every browser."""
    auth = _auth(ctx)
    if who.user_id is not None:
        credentials.revoke_sessions(auth.engine, account_id=who.user_id, at=auth.now())
    return _signed_out()


def _account_page(
    request: Request,
    ctx: WebContext,
    who: PrincipalDep,
    *,
    message: str = "",
    problem: str = "",
    status: int = 200,
) -> HTMLResponse:
    auth = _auth(ctx)
    if who.user_id is None:
        raise HTTPException(404, "The operating-system user has no account page.")
    user = accounts.get_account(auth.engine, email=who.name)
    sessions = credentials.list_sessions(auth.engine, account_id=user.id, at=auth.now())
    tokens = credentials.list_tokens(auth.engine, account_id=user.id)
    return render(
        request,
        "account.html",
        page="account",
        title="Your account",
        status=status,
        user=user,
        sessions=sessions,
        tokens=tokens,
        now=auth.now(),
        message=message,
        problem=problem,
    )


@router.get("/account", response_class=HTMLResponse)
def account_page(
    request: Request, ctx: Context, who: PrincipalDep, changed: bool = False
) -> HTMLResponse:
    message = "Your password is changed; your other sessions have ended." if changed else ""
    return _account_page(request, ctx, who, message=message)


@router.post("/account/password", response_class=HTMLResponse)
async def change_password(
    request: Request,
    ctx: Context,
    who: PrincipalDep,
    current: Annotated[str, Form(max_length=1024)] = "",
    new: Annotated[str, Form(max_length=1024)] = "",
    repeat: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    """Change one's own password: the current one first; other sessions end."""
    auth = _auth(ctx)
    found = accounts.find_account(auth.engine, email=who.name)
    if found is None:
        raise HTTPException(404, "There is no account to change.")
    user, stored = found
    matches, _ = await to_thread.run_sync(lambda: verify_password(current, stored))
    problem = "" if matches else "The current password is not right."
    if not problem and new != repeat:
        problem = "The new password and its repetition differ."
    if not problem:
        try:
            check_password(new, email=user.email, name=user.name)
        except WeakPassword as error:
            problem = str(error)
    if problem:
        return _account_page(request, ctx, who, problem=problem, status=422)
    hashed = await to_thread.run_sync(lambda: hash_password(new))
    accounts.set_password(auth.engine, email=user.email, password_hash=hashed)
    # set_password ended every session, this one too: open a fresh one for this browser.
    session = open_session(auth, user, agent=request.headers.get("user-agent", ""))
    response = RedirectResponse("/account?changed=1", status_code=303)
    cookies.set_session(response, request, auth, session.cookie)
    return response
