"""Settings for the benchmark: PeerPath's own, plus a bare view (the floor)."""

from peerpath.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
