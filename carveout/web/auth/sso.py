"""Single sign-on routes: ``/login/sso/{organisation}`` sends the browser to the
organisation's issuer, ``/login/sso/{organisation}/callback`` brings it back signed in.

The person the issuer names must be admitted by the provider (their e-mail address is
listed or in one of its domains). Their first sign-in creates their account, of the
provider's organisation and role; an existing account must be of the same organisation
and enabled. An account created so has no password: it signs in only by its issuer.
"""

from __future__ import annotations

from anyio import to_thread
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from carveout.access import sso
from carveout.access.sessions import NewSession
from carveout.errors import CarveoutError, NotFound
from carveout.storage import accounts, providers
from carveout.storage.accounts import Account
from carveout.storage.providers import IdentityProvider
from carveout.web.auth import cookies
from carveout.web.auth.config import AuthConfig
from carveout.web.auth.routes import safe_next
from carveout.web.auth.signin import open_session
from carveout.web.deps import Context

router = APIRouter(include_in_schema=False)


def _issuer(provider: IdentityProvider) -> sso.Issuer:
    return sso.Issuer(
        organisation=provider.organisation,
        issuer=provider.issuer,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
    )


def _provider(auth: AuthConfig, organisation: str) -> IdentityProvider:
    found = providers.find_provider(auth.engine, organisation=organisation)
    if found is None:
        raise NotFound(f"{organisation} does not sign in by single sign-on here.")
    return found


@router.get("/login/sso/{organisation}")
async def sso_start(
    request: Request, ctx: Context, organisation: str, next: str | None = None
) -> Response:
    """Send the browser to the organisation's issuer to sign in."""
    auth = ctx.auth
    assert auth is not None
    provider = await to_thread.run_sync(_provider, auth, organisation)
    callback = str(request.url_for("sso_callback", organisation=organisation))
    url, pending = await sso.begin(
        _issuer(provider),
        redirect_uri=callback,
        next_path=safe_next(next),
        transport=auth.sso_transport,
    )
    response = RedirectResponse(url, status_code=303)
    sealed = sso.seal(pending, auth.secret)
    cookies.set_private(response, request, auth, sso.STATE_COOKIE, sealed, sso.STATE_SECONDS)
    return response


@router.get("/login/sso/{organisation}/callback", name="sso_callback")
async def sso_callback(
    request: Request,
    ctx: Context,
    organisation: str,
    code: str = "",
    state: str = "",
    error: str = "",
    error_description: str = "",
) -> Response:
    """Finish signing in: check what the issuer sent and open a session."""
    auth = ctx.auth
    assert auth is not None
    provider = await to_thread.run_sync(_provider, auth, organisation)
    if error:
        raise sso.SignInFailed(
            f"{organisation}'s sign-in service refused: {error_description or error}."
        )
    pending = sso.unseal(cookies.read(request, sso.STATE_COOKIE), auth.secret)
    if pending is None or pending.organisation != organisation or pending.state != state:
        raise sso.SignInFailed(
            "This sign-in was not started from this browser, or took too long: start again "
            "from the sign-in page."
        )
    person = await sso.complete(_issuer(provider), pending, code=code, transport=auth.sso_transport)
    agent = request.headers.get("user-agent", "")

    def sign_in() -> NewSession:
        # Database work off the event loop, like every other request's.
        return open_session(auth, _account_for(auth, provider, person), agent=agent)

    session = await to_thread.run_sync(sign_in)
    response = RedirectResponse(safe_next(pending.next), status_code=303)
    cookies.clear(response, sso.STATE_COOKIE)
    cookies.set_session(response, request, auth, session.cookie)
    return response


def _account_for(auth: AuthConfig, provider: IdentityProvider, person: sso.Person) -> Account:
    """The account ``person`` signs in to, created on their first sign-in."""
    if not provider.admits(person.email):
        raise sso.SignInFailed(
            f"{person.email} may not sign in with {provider.organisation}'s sign-in service: "
            "ask the programme office to add the address or its domain (`carveout sso add`)."
        )
    found = accounts.find_account(auth.engine, email=person.email)
    if found is None:
        try:
            return accounts.create_account(
                auth.engine,
                email=person.email,
                name=person.name,
                organisation=provider.organisation,
                role=provider.role,
                password_hash=None,
            )
        except CarveoutError:
            found = accounts.find_account(auth.engine, email=person.email)
            if found is None:
                raise
    user = found[0]
    if user.organisation != provider.organisation or user.disabled:
        raise sso.SignInFailed(
            f"{person.email} has an account that {provider.organisation}'s sign-in service "
            "cannot open (another organisation's, or disabled): ask the programme office."
        )
    accounts.record_attempt(
        auth.engine,
        email=user.email,
        address="sso:" + provider.organisation,
        succeeded=True,
        at=auth.now(),
        lock_after=auth.settings.login_account_failures,
        lock_until=auth.now(),
    )
    return user
