/**
 * CloudFormation's YAML short forms (`!Ref`, `!Sub`, `!GetAtt`, …) as `yaml` custom tags, for
 * `parseAllDocuments(text, { customTags: CFN_TAGS })`: each tag reads as the long form the
 * JSON syntax uses (`!Ref X` → `{ Ref: 'X' }`), so the intrinsic evaluator sees one syntax.
 *
 * A tagged sequence or mapping stays a node: it becomes a one-pair YAMLMap (long-form key →
 * the original node), so `doc.getIn([..., 'Fn::If', 1], true)` still finds a node with a range.
 * A tagged scalar can only become a Scalar (yaml wraps whatever a scalar tag returns), whose
 * value is the plain long-form object; its own range still locates it. For reading only: a
 * document stringified back would not round-trip the tags.
 */
import { Pair, Scalar, YAMLMap, type CollectionTag, type ScalarTag } from 'yaml';

/** Short form → long form key; `Ref` and `Condition` have no `Fn::` prefix. */
const FUNCTIONS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
  ...Object.fromEntries(
    ['Sub', 'Join', 'Select', 'Split', 'If', 'Equals', 'Not', 'And', 'Or', 'FindInMap', 'Base64', 'GetAZs', 'ImportValue', 'Cidr', 'Length', 'ToJsonString'].map(
      (name) => [name, `Fn::${name}`],
    ),
  ),
};

function longForm(key: string, value: unknown): YAMLMap {
  const map = new YAMLMap();
  map.items.push(new Pair(new Scalar(key), value));
  return map;
}

/** `!GetAtt Res.Attr`: the logical id ends at the first dot (attribute names have dots: `Endpoint.Address`). */
function getAttScalar(value: string): { 'Fn::GetAtt': string | string[] } {
  const dot = value.indexOf('.');
  // No dot: kept as the string, so the evaluator reports it with its path.
  return { 'Fn::GetAtt': dot < 0 ? value : [value.slice(0, dot), value.slice(dot + 1)] };
}

/**
 * One tag per short form and node kind: yaml picks a tag by name and by the node's kind, so a
 * form without an entry for some kind would be left as plain data with only a warning. Forms
 * that take no collection (`!Ref [a]`) still read as the long form, for the evaluator to reject.
 */
export const CFN_TAGS: (ScalarTag | CollectionTag)[] = Object.entries(FUNCTIONS).flatMap(([name, key]): (ScalarTag | CollectionTag)[] => [
  { tag: `!${name}`, resolve: (value: string) => (name === 'GetAtt' ? getAttScalar(value) : { [key]: value }) },
  { tag: `!${name}`, collection: 'seq', resolve: (node) => longForm(key, node) },
  { tag: `!${name}`, collection: 'map', resolve: (node) => longForm(key, node) },
]);
