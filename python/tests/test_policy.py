"""Parsing one document: every input form, every finding field, no raising
from check()."""

import json
import pickle
from urllib.parse import quote

import pytest

import iameval
from conftest import S3_READ

BAD_EFFECT = """{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "allow",
    "Action": "s3:GetObject",
    "Resource": "*"
  }]
}"""


@pytest.mark.parametrize(
    "document",
    [
        S3_READ,
        json.dumps(S3_READ),
        json.dumps(S3_READ).encode(),
        bytearray(json.dumps(S3_READ).encode()),
        quote(json.dumps(S3_READ, indent=4), safe=""),  # as IAM's API returns it
        quote(json.dumps(S3_READ), safe="").encode(),
    ],
    ids=["dict", "str", "bytes", "bytearray", "url-encoded-str", "url-encoded-bytes"],
)
def test_parses_every_input_form(document):
    policy = iameval.Policy(document, "identity")
    assert policy.kind == "identity"
    assert policy.statement_count == 1
    assert policy.version == "2012-10-17"
    assert policy.id is None
    assert policy.findings == []
    assert "statements=1" in repr(policy)


def test_parse_policy_is_policy():
    assert isinstance(iameval.parse_policy(S3_READ), iameval.Policy)


def test_policy_error_carries_every_finding_with_its_location():
    with pytest.raises(iameval.PolicyError) as caught:
        iameval.Policy(BAD_EFFECT)
    error = caught.value
    assert isinstance(error, ValueError)
    [finding] = error.errors
    assert finding.code == "invalid-effect"
    assert finding.severity == "error"
    assert finding.is_error
    assert "`allow`" in finding.message
    assert finding.path == "Statement[0].Effect"
    assert (finding.line, finding.column) == (4, 15)
    assert finding.document is None
    assert "invalid-effect" in str(error)
    assert finding.format("p.json").startswith("p.json:4:15: error: ")
    assert finding.format("p.json").endswith("[invalid-effect]")


def test_policy_error_pickles():
    with pytest.raises(iameval.PolicyError) as caught:
        iameval.Policy(BAD_EFFECT)
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.findings == caught.value.findings
    assert str(again) == str(caught.value)


def test_url_encoded_text_keeps_line_and_column_of_the_decoded_text():
    with pytest.raises(iameval.PolicyError) as caught:
        iameval.Policy(quote(BAD_EFFECT, safe=""))
    assert (caught.value.errors[0].line, caught.value.errors[0].column) == (4, 15)


def test_url_decoding_can_be_turned_off():
    with pytest.raises(iameval.PolicyError) as caught:
        iameval.Policy(quote(json.dumps(S3_READ), safe=""), url_encoded=False)
    assert caught.value.errors[0].code == "invalid-json"


def test_findings_of_a_mapping_have_no_line_and_column():
    document = json.loads(BAD_EFFECT)
    with pytest.raises(iameval.PolicyError) as caught:
        iameval.Policy(document)
    finding = caught.value.errors[0]
    assert finding.path == "Statement[0].Effect"
    assert (finding.line, finding.column) == (0, 0)


def test_warnings_do_not_raise():
    policy = iameval.Policy({"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
    assert [f.code for f in policy.findings] == ["missing-version"]
    assert policy.findings[0].severity == "warning"
    assert policy.version is None


def test_check_returns_findings_without_raising():
    findings = iameval.check(BAD_EFFECT)
    assert [f.code for f in findings] == ["invalid-effect"]
    assert iameval.validate(BAD_EFFECT) == findings
    assert iameval.check(S3_READ) == []
    assert iameval.check("not json")[0].code == "invalid-json"
    assert iameval.check(b"\xff\xfe")[0].code == "invalid-utf8"


def test_check_by_kind():
    trust = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                       "Action": "sts:AssumeRole", "Resource": "*"}],
    }
    assert "resource-not-allowed" in {f.code for f in iameval.check(trust, "roleTrust")}
    assert "principal-not-allowed" in {f.code for f in iameval.check(trust, "identity")}


def test_size_quotas_are_an_option():
    big = {"Version": "2012-10-17", "Statement": [
        {"Sid": f"S{i}", "Effect": "Allow", "Action": "s3:GetObject",
         "Resource": f"arn:aws:s3:::bucket-with-a-long-name-{i}/*"} for i in range(200)]}
    # Over the quota: a warning, and the policy is used as AWS uses its own
    # managed policies; an error only when asked for (CI gating).
    assert [(f.code, f.severity) for f in iameval.check(big, "permissionsBoundary")] == [
        ("policy-too-large", "warning")]
    assert [(f.code, f.severity) for f in iameval.check(
        big, "permissionsBoundary", enforce_aws_size_quotas=True)] == [("policy-too-large", "error")]
    policy = iameval.Policy(big, "permissionsBoundary")
    assert [f.code for f in policy.findings] == ["policy-too-large"]
    with pytest.raises(iameval.PolicyError):
        iameval.Policy(big, "permissionsBoundary", enforce_aws_size_quotas=True)


def test_every_kind_name_is_accepted():
    for kind in iameval.POLICY_KINDS:
        iameval.check(S3_READ, kind)  # must not raise


def test_unknown_kind_is_a_value_error():
    with pytest.raises(ValueError, match="unknown policy kind `bucket`"):
        iameval.Policy(S3_READ, "bucket")
    with pytest.raises(ValueError):
        iameval.check(S3_READ, "Identities")


def test_kind_names_are_read_ignoring_case():
    # One rule in every binding and the CLI (ParsePolicyKindName).
    assert iameval.Policy(S3_READ, "IDENTITY").kind == "identity"
    assert iameval.check(S3_READ, "Scp") == iameval.check(S3_READ, "scp")
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                                                      "Action": "sts:AssumeRole"}]}
    assert iameval.Policy(trust, "roletrust").kind == "roleTrust"
    assert iameval.PolicySet(resource=trust, resource_kind="ROLETRUST") is not None


@pytest.mark.parametrize("document", [None, 42, ["Version"], object()])
def test_unsupported_document_types_are_type_errors(document):
    with pytest.raises(TypeError, match="policy document"):
        iameval.Policy(document)
    with pytest.raises(TypeError):
        iameval.check(document)


def test_finding_is_plain_data():
    [finding] = iameval.check(BAD_EFFECT)
    data = finding.to_dict()
    assert data["code"] == "invalid-effect"
    assert json.loads(json.dumps(data)) == data
    assert finding == iameval.check(BAD_EFFECT)[0]
    assert hash(finding) == hash(iameval.check(BAD_EFFECT)[0])


def test_hostile_input_never_crashes():
    for text in ["[" * 100000, '{"Statement":' * 5000, "\x00", "", "{" + '"a":1,' * 10000 + "}"]:
        assert iameval.check(text), text[:20]
