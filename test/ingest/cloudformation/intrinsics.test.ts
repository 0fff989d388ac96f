/**
 * The intrinsic evaluator against the AWS "Intrinsic function reference": its examples where it
 * gives them, what deploy-time values leave unknown, and where malformed functions are reported.
 */
import { describe, expect, it } from 'vitest';
import { condition, containsUnknown, IntrinsicError, NO_VALUE, resolve, Unknown, type TemplateScope } from '../../../src/ingest/cloudformation/intrinsics.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/app-role';

/** Resources by logical id: their Ref and attributes (an Unknown for what AWS assigns). */
const RESOURCES: Record<string, { ref: unknown; atts: Record<string, unknown> }> = {
  AppRole: { ref: 'app-role', atts: { Arn: ROLE_ARN, RoleId: new Unknown('AppRole.RoleId (assigned at deploy)') } },
  Db: { ref: 'db-1', atts: { 'Endpoint.Address': 'db.example.com' } },
};

function scope(over: Partial<TemplateScope> = {}): TemplateScope {
  return {
    parameters: { Env: 'prod', Subnets: ['subnet-a', 'subnet-b', 'subnet-c'], AttrName: 'Arn', RootDomainName: 'example123.com' },
    pseudo: { 'AWS::Partition': 'aws', 'AWS::AccountId': '123456789012', 'AWS::Region': 'us-east-1' },
    conditions: {},
    mappings: {},
    ref: (id) => RESOURCES[id]?.ref,
    getAtt: (id, attr) => (RESOURCES[id] ? (RESOURCES[id].atts[attr] ?? new Unknown(`${id}.${attr}`)) : undefined),
    ...over,
  };
}

/** The IntrinsicError resolve throws (fails the test if it throws nothing or something else). */
function errorOf(run: () => unknown): IntrinsicError {
  try {
    run();
  } catch (err) {
    if (err instanceof IntrinsicError) return err;
    throw err;
  }
  throw new Error('expected an IntrinsicError');
}

describe('Ref', () => {
  it('gives a parameter value, a list parameter as a list', () => {
    expect(resolve({ Ref: 'Env' }, scope())).toBe('prod');
    expect(resolve({ Ref: 'Subnets' }, scope())).toEqual(['subnet-a', 'subnet-b', 'subnet-c']);
  });

  it('gives a pseudo parameter from the scope, and an Unknown for one not given', () => {
    expect(resolve({ Ref: 'AWS::Partition' }, scope())).toBe('aws');
    expect(resolve({ Ref: 'AWS::StackId' }, scope())).toEqual(new Unknown('AWS::StackId (known only at deploy)'));
  });

  it("gives a resource's Ref from the scope", () => {
    expect(resolve({ Ref: 'AppRole' }, scope())).toBe('app-role');
  });

  it('gives NO_VALUE for AWS::NoValue at the top level', () => {
    expect(resolve({ Ref: 'AWS::NoValue' }, scope())).toBe(NO_VALUE);
  });

  it('throws at the Ref when it names nothing', () => {
    const err = errorOf(() => resolve({ Properties: { RoleName: { Ref: 'Missing' } } }, scope()));
    expect(err.path).toEqual(['Properties', 'RoleName', 'Ref']);
    expect(err.message).toBe('Ref Missing: no parameter or resource named Missing');
  });

  it('throws when its argument is not a name', () => {
    expect(errorOf(() => resolve({ Ref: ['Env'] }, scope())).path).toEqual(['Ref']);
  });

  it('does not take an inherited property for a parameter', () => {
    expect(errorOf(() => resolve({ Ref: 'toString' }, scope())).path).toEqual(['Ref']);
  });
});

describe('Fn::GetAtt', () => {
  it('takes [logicalId, attribute]', () => {
    expect(resolve({ 'Fn::GetAtt': ['AppRole', 'Arn'] }, scope())).toBe(ROLE_ARN);
  });

  it('takes "logicalId.attribute", split at the first dot', () => {
    expect(resolve({ 'Fn::GetAtt': 'Db.Endpoint.Address' }, scope())).toBe('db.example.com');
  });

  it('takes a Ref for the attribute name', () => {
    expect(resolve({ 'Fn::GetAtt': ['AppRole', { Ref: 'AttrName' }] }, scope())).toBe(ROLE_ARN);
  });

  it("passes on the scope's Unknown for an attribute known only at deploy", () => {
    expect(resolve({ 'Fn::GetAtt': ['AppRole', 'RoleId'] }, scope())).toEqual(new Unknown('AppRole.RoleId (assigned at deploy)'));
  });

  it('throws when the resource does not exist', () => {
    const err = errorOf(() => resolve({ A: { 'Fn::GetAtt': ['Nope', 'Arn'] } }, scope()));
    expect(err.path).toEqual(['A', 'Fn::GetAtt']);
    expect(err.message).toBe('Fn::GetAtt Nope.Arn: no resource named Nope (or it has no attribute Arn)');
  });

  it('throws on a string without a dot and on a list of the wrong length', () => {
    expect(errorOf(() => resolve({ 'Fn::GetAtt': 'AppRole' }, scope())).path).toEqual(['Fn::GetAtt']);
    expect(errorOf(() => resolve({ 'Fn::GetAtt': ['AppRole'] }, scope())).path).toEqual(['Fn::GetAtt']);
    expect(errorOf(() => resolve({ 'Fn::GetAtt': [{ Ref: 'Env' }, 'Arn'] }, scope())).path).toEqual(['Fn::GetAtt', 0]);
  });
});

describe('Fn::Sub', () => {
  it('substitutes pseudo parameters, parameters, resource Refs and attributes', () => {
    const v = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${AppRole} ${Env} ${AppRole.Arn} ${Db.Endpoint.Address}' };
    expect(resolve(v, scope())).toBe(`arn:aws:iam::123456789012:role/app-role prod ${ROLE_ARN} db.example.com`);
  });

  it('writes ${!Literal} as the text ${Literal}', () => {
    expect(resolve({ 'Fn::Sub': '${!Literal}-${Env}-${!AWS::Region}' }, scope())).toBe('${Literal}-prod-${AWS::Region}');
  });

  it('takes a variable map whose values are functions (the reference example)', () => {
    expect(resolve({ 'Fn::Sub': ['www.${Domain}', { Domain: { Ref: 'RootDomainName' } }] }, scope())).toBe('www.example123.com');
  });

  it('looks in the variable map before parameters', () => {
    expect(resolve({ 'Fn::Sub': ['${Env}', { Env: 'dev' }] }, scope())).toBe('dev');
  });

  it('is an Unknown naming the part when a part is unknown', () => {
    expect(resolve({ 'Fn::Sub': 'stack/${AWS::StackName}/${Env}' }, scope())).toEqual(new Unknown('Fn::Sub ${AWS::StackName}: AWS::StackName (known only at deploy)'));
    expect(resolve({ 'Fn::Sub': ['${Id}', { Id: { 'Fn::GetAtt': ['AppRole', 'RoleId'] } }] }, scope())).toEqual(
      new Unknown('Fn::Sub ${Id}: AppRole.RoleId (assigned at deploy)'),
    );
  });

  it('leaves text without variables and an unclosed ${ as it is', () => {
    expect(resolve({ 'Fn::Sub': 'plain $ { text ${' }, scope())).toBe('plain $ { text ${');
  });

  it('throws on a list parameter: it substitutes strings only', () => {
    const err = errorOf(() => resolve({ X: { 'Fn::Sub': 'a-${Subnets}' } }, scope()));
    expect(err.path).toEqual(['X', 'Fn::Sub']);
    expect(err.message).toBe('Fn::Sub ${Subnets} is a list of 3, not a string');
  });

  it('throws on a variable that names nothing, at the string', () => {
    expect(errorOf(() => resolve({ 'Fn::Sub': '${Nope}' }, scope())).path).toEqual(['Fn::Sub']);
    expect(errorOf(() => resolve({ 'Fn::Sub': ['${Nope}', { Other: 'x' }] }, scope())).path).toEqual(['Fn::Sub', 0]);
    expect(errorOf(() => resolve({ 'Fn::Sub': '${Nope.Arn}' }, scope())).message).toBe('Fn::Sub ${Nope.Arn}: no resource named Nope (or it has no attribute Arn)');
  });

  it('throws on a non-string template and a variable list that is not a map', () => {
    expect(errorOf(() => resolve({ 'Fn::Sub': [{ Ref: 'Env' }, {}] }, scope())).path).toEqual(['Fn::Sub', 0]);
    expect(errorOf(() => resolve({ 'Fn::Sub': ['${x}', ['x']] }, scope())).path).toEqual(['Fn::Sub', 1]);
    expect(errorOf(() => resolve({ 'Fn::Sub': ['${x}'] }, scope())).path).toEqual(['Fn::Sub']);
  });
});

describe('Fn::Join', () => {
  it('joins a list with a delimiter (the reference examples)', () => {
    expect(resolve({ 'Fn::Join': [':', ['a', 'b', 'c']] }, scope())).toBe('a:b:c');
    const arn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::elasticbeanstalk-*-', { Ref: 'AWS::AccountId' }]] };
    expect(resolve(arn, scope())).toBe('arn:aws:s3:::elasticbeanstalk-*-123456789012');
  });

  it('joins a list a function gives', () => {
    expect(resolve({ 'Fn::Join': [',', { Ref: 'Subnets' }] }, scope())).toBe('subnet-a,subnet-b,subnet-c');
    expect(resolve({ 'Fn::Join': ['+', { 'Fn::Split': ['|', 'a|b'] }] }, scope())).toBe('a+b');
  });

  it('drops AWS::NoValue items', () => {
    expect(resolve({ 'Fn::Join': ['-', ['a', { Ref: 'AWS::NoValue' }, 'b']] }, scope())).toBe('a-b');
  });

  it('is an Unknown naming the item when an item is unknown', () => {
    expect(resolve({ 'Fn::Join': ['/', ['x', { 'Fn::ImportValue': 'SharedVpc' }]] }, scope())).toEqual(
      new Unknown('Fn::Join item 1: Fn::ImportValue SharedVpc (known only at deploy)'),
    );
    expect(resolve({ 'Fn::Join': [',', { 'Fn::GetAZs': '' }] }, scope())).toEqual(new Unknown('Fn::Join of Fn::GetAZs of the stack region (known only at deploy)'));
  });

  it('throws at a list item that is not a string, at a bad delimiter, at a wrong arity', () => {
    expect(errorOf(() => resolve({ 'Fn::Join': [',', ['a', { Ref: 'Subnets' }]] }, scope())).path).toEqual(['Fn::Join', 1, 1]);
    expect(errorOf(() => resolve({ 'Fn::Join': [{ Ref: 'Env' }, ['a']] }, scope())).path).toEqual(['Fn::Join', 0]);
    expect(errorOf(() => resolve({ 'Fn::Join': [',', 'a'] }, scope())).path).toEqual(['Fn::Join', 1]);
    const err = errorOf(() => resolve({ 'Fn::Join': [','] }, scope()));
    expect(err.path).toEqual(['Fn::Join']);
    expect(err.message).toBe('Fn::Join takes [delimiter, ListOfValues], got a list of 1');
  });
});

describe('Fn::Select', () => {
  it('picks by index, the index given as text (the reference example)', () => {
    expect(resolve({ 'Fn::Select': ['1', ['apples', 'grapes', 'oranges', 'mangoes']] }, scope())).toBe('grapes');
  });

  it('picks from a list parameter by a numeric index', () => {
    expect(resolve({ 'Fn::Select': [2, { Ref: 'Subnets' }] }, scope())).toBe('subnet-c');
  });

  it('picks a known item of a list with unknown items', () => {
    expect(resolve({ 'Fn::Select': [0, ['a', { 'Fn::ImportValue': 'X' }]] }, scope())).toBe('a');
  });

  it('is Unknown when the list is (Select of Split of ImportValue, the reference example)', () => {
    const v = { 'Fn::Select': ['2', { 'Fn::Split': [',', { 'Fn::ImportValue': 'AccountSubnetIDs' }] }] };
    expect(resolve(v, scope())).toEqual(new Unknown('Fn::Select 2 of Fn::Split of Fn::ImportValue AccountSubnetIDs (known only at deploy)'));
  });

  it('throws at the index when it is out of range', () => {
    const err = errorOf(() => resolve({ Statement: [{ Resource: { 'Fn::Select': [3, ['a', 'b', 'c']] } }] }, scope()));
    expect(err.path).toEqual(['Statement', 0, 'Resource', 'Fn::Select', 0]);
    expect(err.message).toBe('Fn::Select index 3 is out of range for a list of 3');
  });

  it('throws at an index that is not a whole number', () => {
    expect(errorOf(() => resolve({ 'Fn::Select': ['-1', ['a']] }, scope())).path).toEqual(['Fn::Select', 0]);
    expect(errorOf(() => resolve({ 'Fn::Select': [0.5, ['a']] }, scope())).path).toEqual(['Fn::Select', 0]);
  });
});

describe('Fn::Split', () => {
  it('splits at each delimiter, keeping empty strings (the reference examples)', () => {
    expect(resolve({ 'Fn::Split': ['|', 'a|b|c'] }, scope())).toEqual(['a', 'b', 'c']);
    expect(resolve({ 'Fn::Split': ['|', 'a||c|'] }, scope())).toEqual(['a', '', 'c', '']);
  });

  it('splits a string a function gives', () => {
    expect(resolve({ 'Fn::Split': ['-', { 'Fn::Sub': '${Env}-x' }] }, scope())).toEqual(['prod', 'x']);
  });

  it('throws at a source that is not a string', () => {
    expect(errorOf(() => resolve({ 'Fn::Split': [',', { Ref: 'Subnets' }] }, scope())).path).toEqual(['Fn::Split', 1]);
  });
});

describe('Fn::If', () => {
  const conditions = {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] },
    InMainStack: { 'Fn::Equals': [{ Ref: 'AWS::StackName' }, 'main'] },
  };

  it('gives the branch the condition picks, and does not evaluate the other', () => {
    expect(resolve({ 'Fn::If': ['IsProd', 'big', { Ref: 'Missing' }] }, scope({ conditions }))).toBe('big');
    expect(resolve({ 'Fn::If': ['IsDev', { Ref: 'Missing' }, 'small'] }, scope({ conditions }))).toBe('small');
  });

  it('is an Unknown naming the condition when the condition is unknown and the branches differ', () => {
    expect(resolve({ 'Fn::If': ['InMainStack', 'a', 'b'] }, scope({ conditions }))).toEqual(
      new Unknown('Fn::If InMainStack: condition InMainStack depends on AWS::StackName (known only at deploy)'),
    );
  });

  it('gives the value when the condition is unknown but both branches resolve the same', () => {
    const v = { 'Fn::If': ['InMainStack', { 'Fn::Sub': 'x-${Env}' }, { 'Fn::Join': ['-', ['x', 'prod']] }] };
    expect(resolve(v, scope({ conditions }))).toBe('x-prod');
    expect(resolve({ 'Fn::If': ['InMainStack', { a: ['b'] }, { a: ['b'] }] }, scope({ conditions }))).toEqual({ a: ['b'] });
  });

  it('removes the key or item when the branch is AWS::NoValue', () => {
    const v = { Keep: 1, Drop: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'x'] }, List: ['a', { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'x'] }, 'b'] };
    expect(resolve(v, scope({ conditions }))).toEqual({ Keep: 1, List: ['a', 'b'] });
  });

  it('throws at the condition name when it is not defined', () => {
    const err = errorOf(() => resolve({ P: { 'Fn::If': ['Nope', 'a', 'b'] } }, scope({ conditions })));
    expect(err.path).toEqual(['P', 'Fn::If', 0]);
    expect(err.message).toBe('condition Nope is not defined in Conditions');
  });

  it('throws at the condition name when the condition is malformed, saying where in Conditions', () => {
    const err = errorOf(() => resolve({ P: { 'Fn::If': ['Bad', 'a', 'b'] } }, scope({ conditions: { Bad: { 'Fn::Equals': ['a'] } } })));
    expect(err.path).toEqual(['P', 'Fn::If', 0]);
    expect(err.message).toBe('condition Bad: Fn::Equals takes [value_1, value_2], got a list of 1 (at Conditions.Bad.Fn::Equals)');
  });

  it('throws on a wrong arity', () => {
    expect(errorOf(() => resolve({ 'Fn::If': ['IsProd', 'a'] }, scope({ conditions }))).path).toEqual(['Fn::If']);
  });
});

describe('condition functions', () => {
  /** Known true, known false and unknown conditions to combine. */
  const base = {
    Yes: { 'Fn::Equals': ['a', 'a'] },
    No: { 'Fn::Equals': ['a', 'b'] },
    Maybe: { 'Fn::Equals': [{ 'Fn::ImportValue': 'Flag' }, 'on'] },
  };
  const truth = (expr: unknown) => condition('C', scope({ conditions: { ...base, C: expr } }));
  const MAYBE = new Unknown('condition C depends on condition Maybe depends on Fn::ImportValue Flag (known only at deploy)');

  it('Fn::Equals compares resolved values, as strings', () => {
    expect(truth({ 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] })).toBe(true);
    expect(truth({ 'Fn::Equals': [{ Ref: 'Env' }, 'Prod'] })).toBe(false);
    expect(truth({ 'Fn::Equals': [1, '1'] })).toBe(true);
    expect(truth({ 'Fn::Equals': [true, 'true'] })).toBe(true);
    expect(truth({ 'Fn::Equals': [{ Ref: 'Subnets' }, ['subnet-a', 'subnet-b', 'subnet-c']] })).toBe(true);
  });

  it('Fn::Equals is unknown when either value is', () => {
    expect(truth({ 'Fn::Equals': [{ Ref: 'AWS::StackName' }, 'main'] })).toEqual(new Unknown('condition C depends on AWS::StackName (known only at deploy)'));
  });

  it('Fn::Not negates, and an unknown stays unknown', () => {
    expect(truth({ 'Fn::Not': [{ Condition: 'Yes' }] })).toBe(false);
    expect(truth({ 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] })).toBe(true);
    expect(truth({ 'Fn::Not': [{ Condition: 'Maybe' }] })).toEqual(MAYBE);
  });

  it('Fn::And is three-valued: false AND unknown is false, true AND unknown is unknown', () => {
    expect(truth({ 'Fn::And': [{ Condition: 'Yes' }, { Condition: 'Yes' }] })).toBe(true);
    expect(truth({ 'Fn::And': [{ Condition: 'Maybe' }, { Condition: 'No' }] })).toBe(false);
    expect(truth({ 'Fn::And': [{ Condition: 'Yes' }, { Condition: 'Maybe' }] })).toEqual(MAYBE);
  });

  it('Fn::Or is three-valued: true OR unknown is true, false OR unknown is unknown', () => {
    expect(truth({ 'Fn::Or': [{ Condition: 'No' }, { Condition: 'No' }] })).toBe(false);
    expect(truth({ 'Fn::Or': [{ Condition: 'Maybe' }, { Condition: 'Yes' }] })).toBe(true);
    expect(truth({ 'Fn::Or': [{ Condition: 'No' }, { Condition: 'Maybe' }] })).toEqual(MAYBE);
  });

  it('Fn::And and Fn::Or take 2 to 10 conditions', () => {
    const err = errorOf(() => truth({ 'Fn::And': [{ Condition: 'Yes' }] }));
    expect(err.path).toEqual(['C', 'Fn::And']);
    expect(errorOf(() => truth({ 'Fn::Or': Array.from({ length: 11 }, () => ({ Condition: 'Yes' })) })).path).toEqual(['C', 'Fn::Or']);
  });

  it('evaluates nested conditions through the Conditions section', () => {
    const conditions = {
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      IsUsEast1: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
      IsProdUsEast1: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'IsUsEast1' }] },
      NotThat: { 'Fn::Not': [{ Condition: 'IsProdUsEast1' }] },
    };
    expect(condition('IsProdUsEast1', scope({ conditions }))).toBe(true);
    expect(condition('NotThat', scope({ conditions }))).toBe(false);
    expect(condition('NotThat', scope({ conditions, pseudo: { 'AWS::Region': 'eu-west-1' } }))).toBe(true);
  });

  it('is memoised per scope object', () => {
    let refs = 0;
    const s = scope({ conditions: { UsesRole: { 'Fn::Equals': [{ Ref: 'AppRole' }, 'app-role'] } }, ref: (id) => (refs++, RESOURCES[id]?.ref) });
    expect(condition('UsesRole', s)).toBe(true);
    expect(condition('UsesRole', s)).toBe(true);
    expect(resolve({ 'Fn::If': ['UsesRole', 'a', 'b'] }, s)).toBe('a');
    expect(refs).toBe(1);
    const unknown = scope({ conditions: base });
    expect(condition('Maybe', unknown)).toBe(condition('Maybe', unknown));
  });

  it('throws on a cycle, at the reference that closes it', () => {
    const conditions = { A: { 'Fn::Not': [{ Condition: 'B' }] }, B: { 'Fn::And': [{ Condition: 'Yes' }, { Condition: 'A' }] }, Yes: base.Yes };
    const err = errorOf(() => condition('A', scope({ conditions })));
    expect(err.message).toBe('condition cycle: A → B → A');
    expect(err.path).toEqual(['B', 'Fn::And', 1, 'Condition']);
    const self = errorOf(() => condition('Self', scope({ conditions: { Self: { 'Fn::Not': [{ Condition: 'Self' }] } } })));
    expect(self.message).toBe('condition cycle: Self → Self');
  });

  it('throws on a condition name that is not defined', () => {
    expect(errorOf(() => condition('Nope', scope())).path).toEqual([]);
    const err = errorOf(() => truth({ 'Fn::Not': [{ Condition: 'Nope' }] }));
    expect(err.path).toEqual(['C', 'Fn::Not', 0, 'Condition']);
    expect(err.message).toBe('condition Nope is not defined in Conditions');
  });

  it('throws on a condition that is not a condition function', () => {
    expect(errorOf(() => truth({ Ref: 'Env' })).path).toEqual(['C']);
    expect(errorOf(() => truth({ 'Fn::Not': ['Yes'] })).path).toEqual(['C', 'Fn::Not', 0]);
  });

  it('outside Conditions, gives the truth value; {Condition: …} alone is data (an IAM statement key)', () => {
    expect(resolve({ 'Fn::Or': [{ Condition: 'No' }, { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }] }, scope({ conditions: base }))).toBe(true);
    const statement = { Condition: { StringLike: { 'aws:sub': { 'Fn::Sub': '${Env}-*' } } } };
    expect(resolve(statement, scope())).toEqual({ Condition: { StringLike: { 'aws:sub': 'prod-*' } } });
  });
});

describe('Fn::FindInMap', () => {
  const mappings = { RegionMap: { 'us-east-1': { HVM64: 'ami-0ff8a91507f77f867' }, 'eu-west-1': { HVM64: 'ami-047bb4163c506cd98' } }, Accounts: { '123456789012': { Stage: 'prod' } } };

  it('looks up a value by keys that may be Refs (the reference example)', () => {
    expect(resolve({ 'Fn::FindInMap': ['RegionMap', { Ref: 'AWS::Region' }, 'HVM64'] }, scope({ mappings }))).toBe('ami-0ff8a91507f77f867');
  });

  it('reads a numeric key as its text', () => {
    expect(resolve({ 'Fn::FindInMap': ['Accounts', 123456789012, 'Stage'] }, scope({ mappings }))).toBe('prod');
  });

  it('is Unknown when a key is', () => {
    expect(resolve({ 'Fn::FindInMap': ['RegionMap', { Ref: 'AWS::StackName' }, 'HVM64'] }, scope({ mappings }))).toEqual(
      new Unknown('Fn::FindInMap RegionMap.?: AWS::StackName (known only at deploy)'),
    );
  });

  it('throws at the key that is missing', () => {
    const err = errorOf(() => resolve({ 'Fn::FindInMap': ['RegionMap', 'us-east-1', 'ARM64'] }, scope({ mappings })));
    expect(err.path).toEqual(['Fn::FindInMap', 2]);
    expect(err.message).toBe('Fn::FindInMap RegionMap.us-east-1.ARM64: no such key');
    expect(errorOf(() => resolve({ 'Fn::FindInMap': ['Nope', 'a', 'b'] }, scope({ mappings }))).path).toEqual(['Fn::FindInMap', 0]);
    expect(errorOf(() => resolve({ 'Fn::FindInMap': ['RegionMap', 'us-east-1'] }, scope({ mappings }))).path).toEqual(['Fn::FindInMap']);
  });
});

describe('Fn::Base64, Fn::GetAZs, Fn::ImportValue, Fn::Cidr', () => {
  it('Fn::Base64 encodes a known string', () => {
    expect(resolve({ 'Fn::Base64': 'AWS CloudFormation' }, scope())).toBe('QVdTIENsb3VkRm9ybWF0aW9u');
    expect(resolve({ 'Fn::Base64': { 'Fn::Sub': 'env=${Env}' } }, scope())).toBe(Buffer.from('env=prod').toString('base64'));
    expect(resolve({ 'Fn::Base64': { 'Fn::Sub': '${AWS::StackId}' } }, scope())).toEqual(new Unknown('Fn::Base64 of Fn::Sub ${AWS::StackId}: AWS::StackId (known only at deploy)'));
    expect(errorOf(() => resolve({ 'Fn::Base64': ['a'] }, scope())).path).toEqual(['Fn::Base64']);
  });

  it('Fn::GetAZs is known only at deploy', () => {
    expect(resolve({ 'Fn::GetAZs': '' }, scope())).toEqual(new Unknown('Fn::GetAZs of the stack region (known only at deploy)'));
    expect(resolve({ 'Fn::GetAZs': { Ref: 'AWS::Region' } }, scope())).toEqual(new Unknown('Fn::GetAZs us-east-1 (known only at deploy)'));
  });

  it('Fn::ImportValue is known only at deploy, its name resolved', () => {
    expect(resolve({ 'Fn::ImportValue': 'SharedVpc' }, scope())).toEqual(new Unknown('Fn::ImportValue SharedVpc (known only at deploy)'));
    expect(resolve({ 'Fn::ImportValue': { 'Fn::Sub': '${Env}-SubnetID' } }, scope())).toEqual(new Unknown('Fn::ImportValue prod-SubnetID (known only at deploy)'));
  });

  it('Fn::Cidr is known only at deploy, and takes three arguments', () => {
    expect(resolve({ 'Fn::Cidr': ['192.168.0.0/24', 6, 5] }, scope())).toEqual(new Unknown('Fn::Cidr of 192.168.0.0/24 (known only at deploy)'));
    expect(errorOf(() => resolve({ 'Fn::Cidr': ['192.168.0.0/24', 6] }, scope())).path).toEqual(['Fn::Cidr']);
  });
});

describe('Fn::Length and Fn::ToJsonString (AWS::LanguageExtensions)', () => {
  it('Fn::Length counts a known list, without its AWS::NoValue items', () => {
    expect(resolve({ 'Fn::Length': [1, 2, 3] }, scope())).toBe(3);
    expect(resolve({ 'Fn::Length': { Ref: 'Subnets' } }, scope())).toBe(3);
    expect(resolve({ 'Fn::Length': ['a', { Ref: 'AWS::NoValue' }] }, scope())).toBe(1);
    expect(resolve({ 'Fn::Length': { 'Fn::GetAZs': '' } }, scope())).toEqual(new Unknown('Fn::Length of Fn::GetAZs of the stack region (known only at deploy)'));
    expect(errorOf(() => resolve({ 'Fn::Length': 'abc' }, scope())).path).toEqual(['Fn::Length']);
  });

  it('Fn::ToJsonString writes a known map or list as JSON', () => {
    expect(resolve({ 'Fn::ToJsonString': { key1: 'value1', key2: { Ref: 'Env' } } }, scope())).toBe('{"key1":"value1","key2":"prod"}');
    expect(resolve({ 'Fn::ToJsonString': ['a', { Ref: 'AWS::NoValue' }] }, scope())).toBe('["a"]');
    expect(resolve({ 'Fn::ToJsonString': { id: { 'Fn::GetAtt': ['AppRole', 'RoleId'] } } }, scope())).toEqual(
      new Unknown('Fn::ToJsonString of AppRole.RoleId (assigned at deploy)'),
    );
    expect(errorOf(() => resolve({ 'Fn::ToJsonString': 'abc' }, scope())).path).toEqual(['Fn::ToJsonString']);
  });
});

describe('values', () => {
  it('removes map keys and list items that are AWS::NoValue', () => {
    const v = { A: { Ref: 'AWS::NoValue' }, B: [{ Ref: 'AWS::NoValue' }, 'x', { Ref: 'AWS::NoValue' }], C: { D: { Ref: 'AWS::NoValue' } } };
    expect(resolve(v, scope())).toEqual({ B: ['x'], C: {} });
  });

  it('reads a map with another key, or more than one key, as data', () => {
    expect(resolve({ Ref: 'Env', Other: { Ref: 'Env' } }, scope())).toEqual({ Ref: 'Env', Other: 'prod' });
    expect(resolve({ 'Fn::Transform': { Name: 'AWS::Include' } }, scope())).toEqual({ 'Fn::Transform': { Name: 'AWS::Include' } });
  });

  it('keeps a __proto__ key as data and does not change its input', () => {
    const input: unknown = JSON.parse('{"__proto__": {"Ref": "Env"}, "L": [{"Ref": "Env"}]}');
    const out = resolve(input, scope()) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('prod');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(input)).toBe('{"__proto__":{"Ref":"Env"},"L":[{"Ref":"Env"}]}');
  });

  it('gives a copy of a list parameter, not the scope\'s own list', () => {
    const s = scope();
    const list = resolve({ Ref: 'Subnets' }, s) as string[];
    list.push('subnet-z');
    expect(s.parameters.Subnets).toEqual(['subnet-a', 'subnet-b', 'subnet-c']);
  });

  it('reports the path of a malformed function deep inside', () => {
    const v = { PolicyDocument: { Statement: [{ Effect: 'Allow' }, { Resource: [{ 'Fn::Join': ['', [{ Ref: 'Nope' }]] }] }] } };
    expect(errorOf(() => resolve(v, scope())).path).toEqual(['PolicyDocument', 'Statement', 1, 'Resource', 0, 'Fn::Join', 1, 0, 'Ref']);
  });

  it('stops at a value that contains itself', () => {
    const loop: unknown[] = [];
    loop.push(loop);
    expect(errorOf(() => resolve(loop, scope())).message).toBe('nested more than 500 levels deep');
  });

  it('containsUnknown finds an Unknown anywhere inside', () => {
    expect(containsUnknown({ a: [1, { b: new Unknown('x') }] })).toBe(true);
    expect(containsUnknown(new Unknown('x'))).toBe(true);
    expect(containsUnknown({ a: [1, { b: 'x' }], c: null })).toBe(false);
    const loop: unknown[] = [];
    loop.push(loop);
    expect(containsUnknown(loop)).toBe(false);
  });
});
