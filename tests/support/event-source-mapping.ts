import type { CloudFormationTemplate } from './cloudformation-template.js';
import type { FilterCriteria } from './lambda-filter-criteria.js';
import type { StackInMoto } from './stack-in-moto.js';

/** An AWS::Lambda::EventSourceMapping of the template, its source resolved to what moto holds. */
export interface EventSourceMapping {
  readonly logicalId: string;
  /** The queue's or the stream's ARN in moto. */
  readonly sourceArn: string;
  readonly batchSize: number;
  /** Where a stream mapping starts reading (`TRIM_HORIZON`, `LATEST`); none for a queue. */
  readonly startingPosition: string | undefined;
  readonly filterCriteria: FilterCriteria | undefined;
  /** `FunctionResponseTypes: [ReportBatchItemFailures]`: a returned failure list fails only those records. */
  readonly reportBatchItemFailures: boolean;
}

interface MappingProperties {
  FunctionName: unknown;
  EventSourceArn: unknown;
  BatchSize?: number;
  StartingPosition?: string;
  FilterCriteria?: FilterCriteria;
  FunctionResponseTypes?: string[];
}

/**
 * The mapping that feeds the function `functionId` from the resource `sourceId` (a table's stream
 * or a queue), read from the template; fails when there is not exactly one.
 *
 * @example
 * const mapping = eventSourceMappingOf(template, stack, fanoutFunctionId, tableId);
 */
export function eventSourceMappingOf(template: CloudFormationTemplate, stack: StackInMoto, functionId: string, sourceId: string): EventSourceMapping {
  const matches = Object.entries(template.Resources).filter(([, resource]) => {
    if (resource.Type !== 'AWS::Lambda::EventSourceMapping') return false;
    const properties = resource.Properties as unknown as MappingProperties;
    return refersTo(properties.FunctionName, functionId) && refersTo(properties.EventSourceArn, sourceId);
  });
  if (matches.length !== 1) throw new Error(`expected one event source mapping from ${sourceId} to ${functionId}, found ${matches.length}`);
  const [logicalId, resource] = matches[0]!;
  const properties = resource.Properties as unknown as MappingProperties;
  return {
    logicalId,
    sourceArn: stack.resolve(properties.EventSourceArn),
    // Lambda's defaults when the template leaves the batch size out: 100 for streams, 10 for queues.
    batchSize: properties.BatchSize ?? (isStream(properties.EventSourceArn) ? 100 : 10),
    startingPosition: properties.StartingPosition,
    filterCriteria: properties.FilterCriteria,
    reportBatchItemFailures: properties.FunctionResponseTypes?.includes('ReportBatchItemFailures') ?? false,
  };
}

function refersTo(value: unknown, logicalId: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  return record.Ref === logicalId || (Array.isArray(record['Fn::GetAtt']) && record['Fn::GetAtt'][0] === logicalId);
}

function isStream(value: unknown): boolean {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | null)?.['Fn::GetAtt'];
  return Array.isArray(getAtt) && getAtt[1] === 'StreamArn';
}
