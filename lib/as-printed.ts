import { Token } from 'aws-cdk-lib';

/**
 * A stack attribute as cdk-nag prints it in a finding: its value when synth knows it (a pinned
 * region, and the partition that follows from it), else the pseudo parameter in angle brackets.
 *
 * @example
 * `arn:${asPrinted(stack.partition, 'AWS::Partition')}:s3:::bucket/*`; // 'arn:<AWS::Partition>:s3:::bucket/*'
 */
export function asPrinted(value: string, pseudo: string): string {
  return Token.isUnresolved(value) ? `<${pseudo}>` : value;
}
