"""What the tests need from outside the package.

A test that needs an optional framework (pyspark, datatrove) or a Java
runtime is skipped, visibly, when it is missing, except where
``UNSPIN_REQUIRE_ALL=1`` is set (as ``.ci/run`` does): there a missing
requirement is a failure, so CI cannot pass by skipping.
"""

import importlib
import os
import shutil

import pytest


def need(module: str):
    """Imports `module`, or skips (fails under UNSPIN_REQUIRE_ALL=1)."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        if os.environ.get("UNSPIN_REQUIRE_ALL") == "1":
            pytest.fail(f"{module} is required here: {error}", pytrace=False)
        pytest.skip(f"needs {module}: {error}", allow_module_level=True)


def need_java():
    """Skips (fails under UNSPIN_REQUIRE_ALL=1) without a Java runtime."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("UNSPIN_REQUIRE_ALL") == "1":
            pytest.fail("a Java runtime is required for Spark", pytrace=False)
        pytest.skip("needs a Java runtime for Spark", allow_module_level=True)
