"""Shared fixtures. The suite tests the *installed* package (pip install
./python), never the source tree: see test_install.py."""

from __future__ import annotations

import os
import pathlib

import pytest

import iameval

DATA = pathlib.Path(__file__).parent / "data"
ACCOUNT = "111122223333"


def arn(kind: str, name: str) -> str:
    """An IAM ARN in the sample account."""
    return f"arn:aws:iam::{ACCOUNT}:{kind}/{name}"


@pytest.fixture(scope="session")
def data_dir() -> pathlib.Path:
    return DATA


@pytest.fixture(scope="session")
def sample_export_path() -> pathlib.Path:
    return DATA / "authorization-details.json"


@pytest.fixture()
def model(sample_export_path: pathlib.Path) -> iameval.AccountModel:
    return iameval.load_authorization_details(sample_export_path)


@pytest.fixture(scope="session")
def native_cli() -> str | None:
    """The native `iameval` binary to compare the Python CLI with, from
    IAMEVAL_NATIVE_CLI (set by `make test`). Set but missing is a failure, so
    the parity tests cannot quietly stop running."""
    path = os.environ.get("IAMEVAL_NATIVE_CLI")
    if not path:
        if os.environ.get("IAMEVAL_STRICT_TESTS") == "1":
            pytest.fail("IAMEVAL_STRICT_TESTS=1 needs IAMEVAL_NATIVE_CLI")
        return None
    if not os.access(path, os.X_OK):
        pytest.fail(f"IAMEVAL_NATIVE_CLI={path} is not an executable")
    return path


S3_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadReports",
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"],
        }
    ],
}

DENY_DELETE = {
    "Version": "2012-10-17",
    "Statement": [{"Sid": "NoDeletes", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}],
}

FULL_ACCESS_SCP = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}
