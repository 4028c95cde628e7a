// File: wasm/playground/src/examples.js
//
// The worked examples the playground offers. Each is a whole playground
// state: documents (kind, organization level, text) and a request. The
// expected decision is written down so the browser test can check the page.

const json = (value) => JSON.stringify(value, null, 2);

export const EXAMPLES = [
  {
    id: 'cross-account-s3',
    title: 'Cross-account S3 read',
    note:
      'A role in account 111122223333 reads from a bucket owned by 444455556666. ' +
      'Across accounts both sides must allow: the role\'s identity policy and the bucket policy. ' +
      'Delete either Allow and the answer turns into an implicit deny.',
    expect: 'allowed',
    docs: [
      {
        kind: 'identity',
        text: json({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'ReadSharedReports',
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:ListBucket'],
              Resource: ['arn:aws:s3:::shared-reports', 'arn:aws:s3:::shared-reports/*'],
            },
          ],
        }),
      },
      {
        kind: 'resource',
        text: json({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AnalystsFromAccountA',
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:role/analyst' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::shared-reports/*',
            },
          ],
        }),
      },
    ],
    request: {
      principal: 'arn:aws:sts::111122223333:assumed-role/analyst/maria',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::shared-reports/2026/q1.csv',
      resourceAccount: '444455556666',
      context: [],
    },
  },
  {
    id: 'kms-without-root',
    title: 'KMS key policy without the root statement',
    note:
      'The user\'s identity policy allows kms:Decrypt on every key, yet the answer is an implicit deny: ' +
      'this key policy names only one administrator role and never the account (`arn:aws:iam::…:root`), ' +
      'so IAM policies in the account cannot grant anything on this key.',
    expect: 'implicitDeny',
    docs: [
      {
        kind: 'identity',
        text: json({
          Version: '2012-10-17',
          Statement: [{ Sid: 'DecryptAnything', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }],
        }),
      },
      {
        kind: 'resource',
        text: json({
          Version: '2012-10-17',
          Id: 'key-policy-payments',
          Statement: [
            {
              Sid: 'KeyAdministrators',
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:role/key-admin' },
              Action: 'kms:*',
              Resource: '*',
            },
          ],
        }),
      },
    ],
    request: {
      principal: 'arn:aws:iam::111122223333:user/alice',
      action: 'kms:Decrypt',
      resource: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      resourceAccount: '',
      context: [],
    },
  },
  {
    id: 'scp-region-guard',
    title: 'SCP region guard',
    note:
      'The organization root keeps FullAWSAccess; an OU-level SCP denies every action outside ' +
      'eu-west-1 and eu-central-1 (global services excepted). The developer may run instances, ' +
      'but not in us-east-1. Change `aws:RequestedRegion` to `eu-west-1` to see it allowed.',
    expect: 'explicitDeny',
    docs: [
      {
        kind: 'identity',
        text: json({
          Version: '2012-10-17',
          Statement: [{ Sid: 'Ec2Developer', Effect: 'Allow', Action: 'ec2:*', Resource: '*' }],
        }),
      },
      {
        kind: 'scp',
        level: 0,
        text: json({
          Version: '2012-10-17',
          Statement: [{ Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
      },
      {
        kind: 'scp',
        level: 1,
        text: json({
          Version: '2012-10-17',
          Statement: [
            { Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' },
            {
              Sid: 'DenyOutsideEurope',
              Effect: 'Deny',
              NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*', 'route53:*'],
              Resource: '*',
              Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
            },
          ],
        }),
      },
    ],
    request: {
      principal: 'arn:aws:iam::111122223333:user/dev',
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*',
      resourceAccount: '',
      context: [{ key: 'aws:RequestedRegion', type: 'string', value: 'us-east-1' }],
    },
  },
  {
    id: 'permissions-boundary',
    title: 'Permissions boundary',
    note:
      'The role\'s own policy allows all of S3 and IAM, but its permissions boundary allows only S3. ' +
      'Effective permissions are the intersection: iam:CreateUser is implicitly denied, ' +
      's3:PutObject would be allowed.',
    expect: 'implicitDeny',
    docs: [
      {
        kind: 'identity',
        text: json({
          Version: '2012-10-17',
          Statement: [{ Sid: 'BroadAccess', Effect: 'Allow', Action: ['s3:*', 'iam:*'], Resource: '*' }],
        }),
      },
      {
        kind: 'permissionsBoundary',
        text: json({
          Version: '2012-10-17',
          Statement: [{ Sid: 'OnlyS3', Effect: 'Allow', Action: 's3:*', Resource: '*' }],
        }),
      },
    ],
    request: {
      principal: 'arn:aws:iam::111122223333:role/ci-deployer',
      action: 'iam:CreateUser',
      resource: 'arn:aws:iam::111122223333:user/new-hire',
      resourceAccount: '',
      context: [],
    },
  },
  {
    id: 'forallvalues-footgun',
    title: 'The ForAllValues footgun',
    note:
      'Meant as "only these tag keys may be used", ForAllValues is also true when the request carries ' +
      'no tags at all, so this untagged CreateVolume is allowed. Add a `Null` condition ' +
      '(`"aws:TagKeys": "false"`) to require tags, or add an `aws:TagKeys` list to the request.',
    expect: 'allowed',
    docs: [
      {
        kind: 'identity',
        text: json({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'CreateOnlyWithApprovedTags',
              Effect: 'Allow',
              Action: 'ec2:CreateVolume',
              Resource: '*',
              Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['project', 'owner'] } },
            },
          ],
        }),
      },
    ],
    request: {
      principal: 'arn:aws:iam::111122223333:user/bob',
      action: 'ec2:CreateVolume',
      resource: 'arn:aws:ec2:eu-west-1:111122223333:volume/*',
      resourceAccount: '',
      context: [],
    },
  },
];

export function findExample(id) {
  return EXAMPLES.find((example) => example.id === id) ?? null;
}
