"""The HTTP transport to the Bot API: python-telegram-bot's requests carried by aiohttp.

python-telegram-bot speaks to Telegram through httpx by default. Measured against the Bot API
emulator on this project's machine, one sendMessage costs about 2.8 ms of CPU through httpx
and about 0.5 ms through aiohttp (`python -m bench.transport`), and a bot under load makes about
three calls per update. Requests go form-encoded (multipart when they carry files), exactly
as python-telegram-bot prepares them; errors map to its TimedOut and NetworkError. As with
httpx, a proxy is taken from the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY); aiohttp
speaks to HTTP proxies only, not SOCKS.

The environment is read once per scheme and host, on the first call there, not per call:
aiohttp's own `trust_env` looks up the proxy and ~/.netrc in a worker thread on every request,
two thread hops per call that the profile of a bot under load showed. So a change to the
variables needs a restart, and ~/.netrc is not read.
"""

from __future__ import annotations

import base64
import urllib.parse
import urllib.request

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

Timeout = float | None
Unset = type(BaseRequest.DEFAULT_NONE)  # a timeout the call left to the backend's default
Headers = dict[str, str] | None
# A proxy's address, and its credentials as headers: on the CONNECT that opens a tunnel to an
# https address, or on the request itself when a plain http request goes to the proxy.
Proxy = tuple[str | None, Headers, Headers]
FORM_ENCODED = {"Content-Type": "application/x-www-form-urlencoded"}


class AiohttpRequest(BaseRequest):
    """A python-telegram-bot request backend over one aiohttp session.

    Timeouts mean what they mean for python-telegram-bot's own backend, as far as aiohttp
    has them: `connect` (plus `pool`, the wait for a free connection) to get a connection,
    `read` between bytes of the answer, and all four together bound the whole call, since
    aiohttp has no separate write timeout.
    """

    def __init__(self, connection_pool_size: int = 256, *, read_timeout: Timeout = 5.0,
                 write_timeout: Timeout = 5.0, connect_timeout: Timeout = 5.0,
                 pool_timeout: Timeout = 1.0, media_write_timeout: Timeout = 20.0) -> None:
        self.pool_size = connection_pool_size
        self.defaults = {"read": read_timeout, "write": write_timeout,
                         "connect": connect_timeout, "pool": pool_timeout}
        self.media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, Proxy] = {}  # by scheme and host

    @property
    def read_timeout(self) -> Timeout:
        return self.defaults["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.pool_size),
                headers={"User-Agent": self.USER_AGENT})

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data is not None and request_data.contains_files
        read = self._given(read_timeout, "read")
        connect = self._given(connect_timeout, "connect")
        pool = self._given(pool_timeout, "pool")
        write = (self.media_write_timeout if files and isinstance(write_timeout, Unset)
                 else self._given(write_timeout, "write"))
        proxy, tunnel_headers, proxy_credentials = self._proxy_for(url)
        body, headers = _body(request_data)
        if proxy_credentials:
            headers = {**(headers or {}), **proxy_credentials}
        parts = (read, write, connect, pool)
        timeout = aiohttp.ClientTimeout(
            total=None if None in parts else sum(parts),  # type: ignore[arg-type]
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect, sock_read=read)
        try:
            async with self._session.request(method, url, data=body,
                                             timeout=timeout, headers=headers,
                                             proxy=proxy, proxy_headers=tunnel_headers
                                             ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error

    def _proxy_for(self, url: str) -> Proxy:
        """The proxy the environment names for this address's scheme and host, if any (NO_PROXY
        honoured); looked up on the first call there."""
        scheme, _, rest = url.partition("://")
        key = f"{scheme}://{rest.partition('/')[0]}"
        if key not in self._proxies:
            host = urllib.parse.urlsplit(url).hostname or ""
            # NO_PROXY as urllib reads it (the function is there, typeshed does not list it)
            bypass = not host or urllib.request.proxy_bypass_environment(host)  # type: ignore[attr-defined]
            named = None if bypass else urllib.request.getproxies_environment().get(scheme)
            proxy, credentials = _without_credentials(named)
            tunnel = scheme == "https"
            self._proxies[key] = (proxy, credentials if tunnel else None,
                                  None if tunnel else credentials)
        return self._proxies[key]

    def _given(self, value: object, name: str) -> Timeout:
        """A timeout given to the call, or this backend's default for it."""
        if isinstance(value, Unset):
            return self.defaults[name]
        return value  # type: ignore[return-value]


def _without_credentials(proxy: str | None) -> tuple[str | None, Headers]:
    """A proxy address with any user:password taken out into the header that carries them."""
    if proxy is None:
        return None, None
    parts = urllib.parse.urlsplit(proxy)
    if parts.username is None:
        return proxy, None
    login = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
    header = "Basic " + base64.b64encode(login.encode()).decode("ascii")
    netloc = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=netloc).geturl(), {"Proxy-Authorization": header}


def _body(request_data: RequestData | None) -> tuple[aiohttp.FormData | bytes | None, Headers]:
    """The parameters form-encoded, or as multipart form data when files go with them; with
    the header naming the encoding where aiohttp does not add it itself."""
    if request_data is None:
        return None, None
    if not request_data.contains_files:
        # Encoded here: given a dict, aiohttp builds a multipart writer (and a random
        # boundary) for every request before settling on the same url-encoding.
        encoded = urllib.parse.urlencode(request_data.json_parameters).encode()
        return encoded, FORM_ENCODED
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, part in request_data.multipart_data.items():
        filename, content, *mimetype = part
        form.add_field(name, content, filename=filename,
                       content_type=mimetype[0] if mimetype else None)
    return form, None
