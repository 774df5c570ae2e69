"""Integration tests of the scenario "Smoke test of the deployment?"."""


class TestSmoke:
    """Smoke test of the deployment?"""
