/** One resource of a synthesized template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/** A synthesized CloudFormation template, as much of it as the AWS-emulator suite reads. */
export interface CloudFormationTemplate {
  readonly Resources: Record<string, TemplateResource>;
}

/**
 * The logical id of the one resource of `type` whose id starts with `prefix` (CDK builds ids from the
 * construct path, e.g. `ChannelsXQueue…` for `Channels/X/Queue`); fails naming what it found.
 *
 * @example
 * const xQueue = logicalIdOf(template, 'AWS::SQS::Queue', 'ChannelsXQueue');
 */
export function logicalIdOf(template: CloudFormationTemplate, type: string, prefix: string): string {
  const matches = Object.entries(template.Resources)
    .filter(([id, resource]) => resource.Type === type && id.startsWith(prefix))
    .map(([id]) => id);
  if (matches.length !== 1) throw new Error(`expected one ${type} whose logical id starts with ${prefix}, found ${matches.length}: ${matches.join(', ') || 'none'}`);
  return matches[0]!;
}

/** The properties of a resource, failing with its logical id when the template has no such resource. */
export function propertiesOf(template: CloudFormationTemplate, logicalId: string): Record<string, unknown> {
  const resource = template.Resources[logicalId];
  if (!resource) throw new Error(`the template has no resource ${logicalId}`);
  return resource.Properties ?? {};
}
