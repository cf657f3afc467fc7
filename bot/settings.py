"""Configuration from environment variables (and a .env file), read once at start."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from domain.dispatch.offers import DispatchMode, DispatchRules
from domain.dispatch.tracking import TrackingRules
from domain.menu.catalog import Catalog, CatalogError, Shop, read_catalog
from domain.menu.use_cases import MenuRules, ShopMode
from domain.orders.eta import EtaRules
from domain.orders.model import Size
from domain.orders.placing import OrderLimits
from domain.parcels.drafts import DraftRules
from domain.parcels.pricing import PricingRules
from domain.payments.model import STARS, PaymentRules
from domain.people.model import LANGUAGES
from domain.services import Rules
from domain.shared.deadlines import DeadlineRules
from domain.shared.errors import InvalidAnswer
from domain.shop.hours import OpeningHours, parse_hours
from domain.shop.opening import OpeningRules
from domain.shop.zone import DeliveryZone, FeeBand
from notifier.pacing import PaceLimits
from notifier.sender import SenderSettings

IdSet = Annotated[frozenset[int], NoDecode]
EXAMPLE_CATALOG = Path(__file__).parent / "catalogs" / "coffee.toml"
# Paths the web server keeps for itself; the webhook path may not take one of them.
HEALTH_PATH, READY_PATH, METRICS_PATH = "/healthz", "/readyz", "/metrics"
API_PATH, DASHBOARD_PATH = "/api", "/dashboard"
RESERVED_PATHS = (HEALTH_PATH, READY_PATH, METRICS_PATH, API_PATH, DASHBOARD_PATH)
# Prices in the catalog and the settings are whole won: invoices are in Stars or in won.
CURRENCIES = (STARS, "KRW")


HOURS_EXAMPLE = "mon-fri 09:00-21:00; sat 10:00-18:00; sun closed"


def read_hours(value: str) -> OpeningHours:
    """OPENING_HOURS, or a ValueError naming the part that could not be read."""
    try:
        return parse_hours(value)
    except InvalidAnswer as error:
        part = error.params.get("part", value)
        raise ValueError(f"cannot read {part!r}: write the hours like {HOURS_EXAMPLE!r} "
                         "(in TIMEZONE; 18:00-02:00 runs past midnight)") from None


def read_location(value: str) -> tuple[float, float]:
    """SHOP_LOCATION: "latitude,longitude", such as "37.5665,126.9780"."""
    lat, comma, lon = value.partition(",")
    try:
        point = (float(lat), float(lon))
    except ValueError:
        point = (float("nan"), float("nan"))
    if not comma or not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        raise ValueError(f"latitude,longitude such as '37.5665,126.9780', not {value!r}")
    return point


def read_fee_bands(value: str) -> tuple[FeeBand, ...]:
    """DELIVERY_FEE_BANDS: "km:fee" pairs, nearest first, such as "2:3000,4:4000,6:5000"."""
    bands: list[FeeBand] = []
    for part in value.split(","):
        km, colon, fee = part.strip().partition(":")
        try:
            band = (float(km), int(fee))
        except ValueError:
            band = (0.0, -1)
        if not colon or band[0] <= 0 or band[1] < 0 or (bands and band[0] <= bands[-1][0]):
            raise ValueError("km:fee pairs with growing distances, such as "
                             f"'2:3000,4:4000,6:5000', not {value!r}")
        bands.append(band)
    return tuple(bands)


class BotMode(StrEnum):
    POLLING = "polling"  # the bot asks Telegram for updates (one process)
    WEBHOOK = "webhook"  # Telegram posts updates to our web server (one or more replicas)


class LogFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


DEFAULT_HTTP_PORT = 8080


WEBHOOK_PORTS = (443, 80, 88, 8443)  # the only ports Telegram sends webhooks to
DATABASE_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")


def _http_url(value: str, schemes: tuple[str, ...]) -> int:
    """Check an http(s) URL with a host and a valid port; its port. The message never
    repeats the URL, which may hold the bot token."""
    parts = urlsplit(value)
    if parts.scheme not in schemes or not parts.hostname:
        raise ValueError(f"a {' or '.join(schemes)} URL with a host")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("the port must be a number from 1 to 65535") from None
    if port == 0:
        raise ValueError("the port must be a number from 1 to 65535")
    return port or (443 if parts.scheme == "https" else 80)


class Settings(BaseSettings):
    """Every setting, its environment variable (the upper-case name) and its default."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    telegram_bot_token: str | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    database_url: str = "sqlite+aiosqlite:///ppalli.db"
    admin_ids: IdSet = frozenset()
    store_chat_id: int | None = None
    store_thread_id: int | None = Field(default=None, ge=1)  # a forum topic of STORE_CHAT_ID
    rider_ids: IdSet = frozenset()
    timezone: str = "Asia/Seoul"
    default_language: str = "en"
    store_language: str | None = None  # the store group's; DEFAULT_LANGUAGE unless set
    max_weight_kg: float = 30.0
    saved_addresses: int = Field(default=5, ge=0, le=10)  # a customer's latest places kept
    price_small: int = 4000
    price_medium: int = 6000
    price_large: int = 9000
    price_included_kg: float = 2.0
    price_per_extra_kg: int = 500
    price_heavy_surcharge: int = 3000
    price_included_km: float = 3.0
    price_per_extra_km: int = 800
    log_level: str = "INFO"
    send_rate_per_second: float = 25.0
    send_chat_rate_per_second: float = 1.0  # per private chat, after a burst of three
    send_retry_hours: float = 24.0  # a message failing (network, 5xx) longer is given up
    send_lease_seconds: float = 10.0
    sweep_seconds: float = 2.0
    store_chat_check_minutes: float = 5.0  # how often a store chat the bot lost is asked about
    dispatch_mode: DispatchMode = DispatchMode.AUTO
    offer_seconds: float = 60.0
    dispatch_rounds: int = 5
    position_max_age_minutes: float = 10.0
    nearby_meters: float = 300.0  # the customer hears once that the rider is this close
    track_every_seconds: float = 10.0  # the customer's live map moves at most this often
    track_min_meters: float = 30.0  # and only when the rider moved at least this far
    prep_minutes: int = Field(default=20, ge=1)  # a menu order approved by /approve N
    speed_foot_kmh: float = 4.5  # average speeds in city traffic, for arrival times
    speed_bicycle_kmh: float = 14.0
    speed_motorbike_kmh: float = 22.0  # also a rider whose vehicle is not on record
    speed_car_kmh: float = 18.0
    route_factor: float = Field(default=1.3, ge=1.0)  # roads are longer than the straight line
    store_response_minutes: float = 10.0
    auto_complete_hours: float = 24.0
    max_open_orders: int = Field(default=3, ge=1)  # one customer's orders on their way at once
    max_orders_per_hour: int = Field(default=10, ge=1)
    max_releases_per_order: int = Field(default=2, ge=0)  # times a rider may give one job back
    max_updates_per_minute: int = Field(default=60, ge=1)  # one person's, per process
    shop_mode: ShopMode = ShopMode.PARCEL
    catalog_file: Path | None = None
    currency: str = STARS
    payment_provider_token: str | None = None
    won_per_star: int = 20
    payment_minutes: float = 15.0
    bot_mode: BotMode = BotMode.POLLING
    http_host: str = "0.0.0.0"
    http_port: int | None = None  # polling: no web server unless set; webhook: 8080 if unset
    webhook_path: str = "/telegram"
    webhook_url: str | None = None  # the public https URL Telegram posts to; registered at start
    webhook_secret: str | None = None
    api_token: str | None = None  # bearer token of the read API and the dashboard
    log_format: LogFormat = LogFormat.TEXT
    shutdown_seconds: float = 20.0  # how long SIGTERM waits for updates and the sender
    opening_hours: str | None = None  # unset: always open (HOURS_EXAMPLE shows the format)
    min_order_won: int = Field(default=0, ge=0)  # a menu order's items, before the fee
    shop_location: str | None = None  # "37.5665,126.9780": where the delivery zone is measured
    delivery_radius_km: float | None = Field(default=None, gt=0)
    delivery_fee_bands: str | None = None  # "2:3000,4:4000,6:5000": a menu delivery's fee by km

    @field_validator("opening_hours", "shop_location", "delivery_fee_bands")
    @classmethod
    def _readable(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or not value.strip():
            return None
        read = {"opening_hours": read_hours, "shop_location": read_location,
                "delivery_fee_bands": read_fee_bands}[info.field_name or ""]
        read(value)
        return value.strip()

    @field_validator("admin_ids", "rider_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.split(",") if part.strip()]
            for part in parts:
                if not part.lstrip("-").isdigit():
                    raise ValueError(f"{part!r} is not a Telegram user id")
            return frozenset(int(part) for part in parts)
        return value

    @field_validator("send_rate_per_second", "send_lease_seconds", "send_retry_hours",
                     "sweep_seconds", "store_chat_check_minutes", "offer_seconds",
                     "dispatch_rounds",
                     "position_max_age_minutes", "nearby_meters", "track_every_seconds",
                     "speed_foot_kmh", "speed_bicycle_kmh", "speed_motorbike_kmh",
                     "speed_car_kmh")
    @classmethod
    def _positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("must be more than 0")
        return value

    @field_validator("store_response_minutes", "auto_complete_hours", "track_min_meters")
    @classmethod
    def _not_negative(cls, value: float) -> float:
        if value < 0:
            raise ValueError("must be 0 (off) or more")
        return value

    @field_validator("won_per_star", "payment_minutes")
    @classmethod
    def _more_than_zero(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("must be more than 0")
        return value

    @field_validator("currency")
    @classmethod
    def _currency_code(cls, value: str) -> str:
        if value not in CURRENCIES:
            raise ValueError(f"XTR (Telegram Stars) or KRW (won, by card), not {value!r}: prices "
                             "in the catalog and settings are in won")
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        _http_url(value, ("http", "https"))
        return value

    @field_validator("webhook_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if value is not None:
            port = _http_url(value, ("https",))
            if port not in WEBHOOK_PORTS:
                ports = ", ".join(map(str, WEBHOOK_PORTS))
                raise ValueError(f"Telegram posts only to ports {ports}")
        return value

    @field_validator("database_url")
    @classmethod
    def _database(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError("not a database URL") from None
        if url.drivername not in DATABASE_DRIVERS:
            raise ValueError(f"use {' or '.join(DATABASE_DRIVERS)} (for example "
                             "sqlite+aiosqlite:///ppalli.db)")
        return value

    @field_validator("webhook_path")
    @classmethod
    def _absolute_path(cls, value: str) -> str:
        if not value.startswith("/") or value in RESERVED_PATHS:
            raise ValueError(f"a path of its own starting with / (not one of {RESERVED_PATHS})")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_secret(cls, value: str | None) -> str | None:
        # Telegram's rule for secret_token: 1-256 characters, A-Z, a-z, 0-9, _ and -.
        if value is not None and not (
            0 < len(value) <= 256 and all(c.isascii() and (c.isalnum() or c in "_-")
                                          for c in value)):
            raise ValueError("1 to 256 characters: letters, digits, _ and -")
        return value

    @model_validator(mode="after")
    def _webhook_needs_a_secret(self) -> Settings:
        if self.bot_mode is BotMode.WEBHOOK and not self.webhook_secret:
            raise ValueError("BOT_MODE=webhook needs WEBHOOK_SECRET (Telegram sends it back in "
                             "a header, so forged updates are refused)")
        return self

    @property
    def web_port(self) -> int | None:
        """Where the web server listens, None for no web server."""
        if self.http_port is None and self.bot_mode is BotMode.WEBHOOK:
            return DEFAULT_HTTP_PORT
        return self.http_port

    @model_validator(mode="after")
    def _payments_and_catalog(self) -> Settings:
        if self.currency != STARS and not self.payment_provider_token:
            raise ValueError("CURRENCY other than XTR needs PAYMENT_PROVIDER_TOKEN (a card "
                             "provider from @BotFather)")
        if self.shop_mode is not ShopMode.PARCEL and self.catalog_file is None:
            raise ValueError(f"SHOP_MODE={self.shop_mode.value} needs CATALOG_FILE (see "
                             f"{EXAMPLE_CATALOG})")
        return self

    def catalog(self) -> Catalog | None:
        """The menu, read from CATALOG_FILE (None in parcel mode)."""
        if self.shop_mode is ShopMode.PARCEL or self.catalog_file is None:
            return None
        try:
            with self.catalog_file.open("rb") as file:
                return read_catalog(tomllib.load(file))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise CatalogError(f"{self.catalog_file}: {error}") from error

    @field_validator("default_language")
    @classmethod
    def _supported_language(cls, value: str) -> str:
        language = value.strip().lower()
        if language not in LANGUAGES:
            raise ValueError(f"must be one of {', '.join(LANGUAGES)}, not {value!r}")
        return language

    @field_validator("store_language")
    @classmethod
    def _supported_or_unset(cls, value: str | None) -> str | None:
        """Unset (or empty): DEFAULT_LANGUAGE."""
        if value is None or not value.strip():
            return None
        return cls._supported_language(value)

    @property
    def store_chat_language(self) -> str:
        """What the bot writes in the store's group reads in: STORE_LANGUAGE, else
        DEFAULT_LANGUAGE (the admins' private chats read each admin's own)."""
        return self.store_language or self.default_language

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        ZoneInfo(value)  # raises for an unknown zone
        return value

    @property
    def store_chat_ids(self) -> tuple[int, ...]:
        """Where new-order alerts go: the staff group if set, else every admin privately."""
        if self.store_chat_id is not None:
            return (self.store_chat_id,)
        return tuple(sorted(self.admin_ids))

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def sender_settings(self) -> SenderSettings:
        return SenderSettings(
            pace=PaceLimits(global_per_second=self.send_rate_per_second,
                            private_per_second=self.send_chat_rate_per_second),
            retry_for=timedelta(hours=self.send_retry_hours),
            lease_s=self.send_lease_seconds,
            admin_ids=self.admin_ids,
            default_language=self.default_language,
            store_language=self.store_chat_language,
            store_thread_id=self.store_thread_id,
        )

    def rules(self) -> Rules:
        menu = self._menu_rules()
        return Rules(
            admin_ids=self.admin_ids,
            store_chats=self.store_chat_ids,
            pricing=PricingRules(
                base_by_size={
                    Size.SMALL: self.price_small,
                    Size.MEDIUM: self.price_medium,
                    Size.LARGE: self.price_large,
                },
                included_kg=self.price_included_kg,
                per_extra_kg=self.price_per_extra_kg,
                heavy_surcharge=self.price_heavy_surcharge,
                included_km=self.price_included_km,
                per_extra_km=self.price_per_extra_km,
            ),
            drafts=DraftRules(max_weight_kg=self.max_weight_kg,
                              saved_addresses=self.saved_addresses),
            dispatch=DispatchRules(
                mode=self.dispatch_mode,
                offer_for=timedelta(seconds=self.offer_seconds),
                max_offers=self.dispatch_rounds,
                position_max_age=timedelta(minutes=self.position_max_age_minutes),
            ),
            tracking=TrackingRules(every=timedelta(seconds=self.track_every_seconds),
                                   min_metres=self.track_min_meters,
                                   nearby_metres=self.nearby_meters),
            eta=EtaRules(prep_default_minutes=self.prep_minutes,
                         foot_kmh=self.speed_foot_kmh, bicycle_kmh=self.speed_bicycle_kmh,
                         motorbike_kmh=self.speed_motorbike_kmh, car_kmh=self.speed_car_kmh,
                         route_factor=self.route_factor),
            deadlines=DeadlineRules(
                store_response=timedelta(minutes=self.store_response_minutes),
                auto_complete_after=timedelta(hours=self.auto_complete_hours),
            ),
            menu=menu,
            opening=OpeningRules(read_hours(self.opening_hours) if self.opening_hours else None,
                                 self.tz),
            zone=menu.shop.zone,
            limits=OrderLimits(open_per_customer=self.max_open_orders,
                               per_customer_per_hour=self.max_orders_per_hour,
                               releases_per_rider=self.max_releases_per_order),
            payments=PaymentRules(
                currency=self.currency,
                provider_token=self.payment_provider_token,
                won_per_star=self.won_per_star,
                pay_within=timedelta(minutes=self.payment_minutes),
            ),
        )

    def _menu_rules(self) -> MenuRules:
        """The menu, and the shop's place with the delivery zone around it: SHOP_LOCATION
        wins over the catalog's lat and lon (riders pick menu orders up there too)."""
        catalog = self.catalog()
        shop, categories = (catalog.shop, catalog.categories) if catalog else (Shop(), ())
        if self.shop_location is not None:
            lat, lon = read_location(self.shop_location)
            shop = replace(shop, place=replace(shop.place, lat=lat, lon=lon))
        bands = read_fee_bands(self.delivery_fee_bands) if self.delivery_fee_bands else ()
        if (self.delivery_radius_km or bands) and not shop.place.has_coordinates:
            raise ValueError("DELIVERY_RADIUS_KM and DELIVERY_FEE_BANDS are measured from the "
                             "shop: set SHOP_LOCATION (or lat and lon in the catalog's [shop])")
        zone = DeliveryZone(shop.place, self.delivery_radius_km, bands)
        return MenuRules(self.shop_mode, replace(shop, zone=zone), categories, self.min_order_won)
