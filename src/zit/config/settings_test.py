"""The settings of the test suite: the platform's own, with a throwaway key and the test client's host name,
because with debug off the platform refuses to start without them (as it must in production)."""

import copy
import os

os.environ.setdefault("ZIT_SECRET_KEY", "test-suite-only-key-7f3c1e0a9b8d4c2e6f5a1b0c9d8e7f6a")
os.environ.setdefault("ZIT_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
# no base map unless a test configures one (a tile server of its own on localhost): the suite needs no network
os.environ.setdefault("ZIT_MAP_TILES_URL", "")

from zit.config.settings import *  # noqa: E402, F403

# A second database standing in for the read replica, filled by the tests that prove which one a page reads
# (tests/core/test_replica.py); created only for the tests that ask for it, routed only where they enable the
# router.
DATABASES["replica"] = copy.deepcopy(DATABASES["default"])  # noqa: F405
DATABASES["replica"]["NAME"] = f"{DATABASES['default']['NAME']}_replica"  # noqa: F405
DATABASES["replica"]["TEST"] = {"MIGRATE": False}  # noqa: F405 - the tables straight from the models: quicker

# the test suite never asks the Internet for exchange rates: tests pass recorded answers to the fetcher
ZIT_RATES_FETCH = False
ZIT_TRUST_LIST_URL = ""  # no download of the trusted list in the test suite
