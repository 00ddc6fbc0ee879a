import type { AttributeValue } from '@aws-sdk/client-dynamodb-streams';

/**
 * DynamoDB Local's stream writes an empty map attribute as `{}` where DynamoDB Streams writes
 * `{"M":{}}`; `unmarshall` then throws "No value defined", and the record (an incident declared
 * without components, say) would never be fanned out. This puts the `M` back, at any depth.
 */
export function restoreEmptyMaps(image: Record<string, AttributeValue> | undefined): Record<string, AttributeValue> | undefined {
  if (!image) return image;
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, restoreValue(value)]));
}

function restoreValue(value: AttributeValue): AttributeValue {
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.M) return { M: restoreEmptyMaps(value.M)! };
  if (value.L) return { L: value.L.map(restoreValue) };
  return value;
}
