import { Arn, Stack, Validations } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export interface CrossRegionParameterProps {
  readonly region: string;
  readonly parameterName: string;
}

/**
 * The value of an SSM parameter of another region, read at deploy by a custom resource: how the main
 * stack, deployable to any region without naming it, learns the ARN of the web ACL its companion
 * stack made in us-east-1. It is read again when the parameter's name changes, not on every deploy:
 * the ACL's name is fixed, so its ARN changes only if the ACL is replaced (then see docs/operations.md).
 *
 * @example
 * const arn = new CrossRegionParameter(this, 'WebAclArn', { region: 'us-east-1', parameterName }).value;
 */
export class CrossRegionParameter extends Construct {
  public readonly value: string;

  constructor(scope: Construct, id: string, props: CrossRegionParameterProps) {
    super(scope, id);
    const parameterArn = Arn.format({ service: 'ssm', region: props.region, resource: 'parameter', resourceName: props.parameterName.replace(/^\//, '') }, Stack.of(this));
    const reader = new cr.AwsCustomResource(this, 'Reader', {
      onUpdate: {
        service: 'SSM',
        action: 'getParameter',
        parameters: { Name: props.parameterName },
        region: props.region,
        physicalResourceId: cr.PhysicalResourceId.of(`${props.region}:${props.parameterName}`),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [parameterArn] }),
      installLatestAwsSdk: false,
    });
    this.value = reader.getResponseField('Parameter.Value');
    this.acknowledgeProvider();
  }

  /** AwsCustomResource's provider function is a singleton of aws-cdk-lib at the stack's root. */
  private acknowledgeProvider(): void {
    const provider = Stack.of(this).node.children.find((child) => child.node.id.startsWith('AWS679f53fac002430cb0da5b7982bd2287'));
    if (!provider) return;
    const because = (finding: string, reason: string) =>
      Validations.of(provider).acknowledge({ id: `AwsSolutions-${finding}`, reason: `aws-cdk-lib AwsCustomResource provider, run only while deploying: ${reason}` });
    because('IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'the construct gives its role this managed policy to write its own logs and offers no way to replace it.');
    because('L1', 'its Node.js runtime is pinned by aws-cdk-lib and moves with aws-cdk-lib upgrades; the function has no trigger other than CloudFormation during deploy.');
  }
}
