import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { ConfigError } from '../lambdas/core/config/parse-config.js';
import type { DeploymentStage } from './incident-comms-stack.js';
import { IncidentCommsFunction } from './lambda-function.js';

/** Steady-state requests per second and burst across the API; CloudFront absorbs the public read surge. */
export const defaultThrottle = { rateLimit: 50, burstLimit: 100 };

/** Each accepted subscription makes SNS send a confirmation mail: a low limit keeps the form from being used to mail-bomb. */
export const subscriptionThrottle = { rateLimit: 5, burstLimit: 10 };

/** A deployed route: who may call it is part of the contract (`shared/API.md`). */
export interface ApiRoute {
  readonly method: apigwv2.HttpMethod;
  readonly path: string;
  /** Commander routes sit behind the JWT authorizer; the others are public. */
  readonly access: 'commander' | 'public';
  /** A limit below the stage's default one. */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
}

const { GET, POST } = apigwv2.HttpMethod;

/**
 * The routes of API.md that API Gateway serves. The local-only `/v1/subscriptions/confirm` and
 * `/unsubscribe` are absent: deployed, SNS's own links confirm and unsubscribe.
 */
export const apiRoutes: readonly ApiRoute[] = [
  { method: POST, path: '/v1/incidents', access: 'commander' },
  { method: POST, path: '/v1/incidents/{id}/updates', access: 'commander' },
  { method: POST, path: '/v1/incidents/{id}/preview', access: 'commander' },
  { method: GET, path: '/v1/incidents/{id}/deliveries', access: 'commander' },
  { method: GET, path: '/v1/incidents', access: 'public' },
  { method: GET, path: '/v1/incidents/{id}', access: 'public' },
  { method: GET, path: '/v1/status', access: 'public' },
  { method: GET, path: '/v1/feed', access: 'public' },
  { method: GET, path: '/v1/feed.atom', access: 'public' },
  { method: POST, path: '/v1/subscriptions', access: 'public', throttle: subscriptionThrottle },
  { method: GET, path: '/v1/openapi.json', access: 'public' },
];

/** The JWT issuer and audience commanders' tokens must carry. */
export interface CommanderAuth {
  readonly jwtIssuer: string;
  readonly jwtAudience: string[];
}

/**
 * There is no safe default issuer: a deployment without one would either be open or unusable, so
 * synth stops and says which field to set.
 */
export function commanderAuthFrom(config: Config, source = 'incident-comms.config.json'): CommanderAuth {
  const { jwtIssuer, jwtAudience } = config.auth;
  const missing = [!jwtIssuer && 'auth.jwtIssuer', !jwtAudience?.length && 'auth.jwtAudience'].filter(Boolean);
  if (!jwtIssuer || !jwtAudience?.length) {
    throw new ConfigError(
      `${source}: ${missing.join(' and ')} must be set to deploy: commander routes are guarded by an API Gateway JWT authorizer. ` +
        'Set auth.jwtIssuer to your OIDC issuer URL (e.g. "https://cognito-idp.<region>.amazonaws.com/<userPoolId>" or "https://<tenant>.auth0.com/") ' +
        'and auth.jwtAudience to the audiences (client ids) its commander tokens carry.',
    );
  }
  return { jwtIssuer, jwtAudience };
}

export interface ApiProps {
  readonly table: dynamodb.TableV2;
  readonly topic: sns.Topic;
  readonly config: Config;
  readonly stage: DeploymentStage;
  /** Browser origins allowed to call the API across origins (the status page's own origin). */
  readonly corsOrigins: string[];
}

/**
 * The HTTP API of API.md in front of one API Lambda: commander routes behind a JWT authorizer,
 * public routes open, default and per-route throttling, JSON access logs, CORS for the status page.
 *
 * @example
 * const api = new Api(this, 'Api', { table, topic, config, stage, corsOrigins: ['https://status.example.com'] });
 * new CfnOutput(this, 'ApiUrl', { value: api.url });
 */
export class Api extends Construct {
  public readonly httpApi: apigwv2.HttpApi;
  public readonly apiStage: apigwv2.HttpStage;
  public readonly handler: IncidentCommsFunction;
  public readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const auth = commanderAuthFrom(props.config);

    this.handler = new IncidentCommsFunction(this, 'Handler', {
      handlerName: 'api',
      description: 'Serves the incident communication API v1',
      stage: props.stage,
      // API Gateway gives up after 30 s; an answer slower than 10 s is a bug, not a wait.
      timeout: Duration.seconds(10),
      memorySize: 1024,
      environment: { TABLE_NAME: props.table.tableName, TOPIC_ARN: props.topic.topicArn },
    });
    this.handler.grantTableReadWrite(props.table);
    // POST /v1/subscriptions subscribes the address to the topic; SNS then mails the confirmation.
    props.topic.grantSubscribe(this.handler.function);

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: `${props.config.serviceName} incident communication API v1`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.corsOrigins,
        allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST, apigwv2.CorsHttpMethod.OPTIONS],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
        exposeHeaders: ['location', 'etag', 'idempotent-replayed'],
        maxAge: Duration.hours(1),
      },
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.stage.retain ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.TWO_WEEKS,
      removalPolicy: props.stage.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.apiStage = this.httpApi.addStage('DefaultStage', {
      autoDeploy: true,
      throttle: defaultThrottle,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            subject: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });
    const integration = new HttpLambdaIntegration('Handler', this.handler.function, {
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
    });
    const commanderAuthorizer = new HttpJwtAuthorizer('CommanderJwt', auth.jwtIssuer, {
      jwtAudience: auth.jwtAudience,
      authorizerName: 'commander-jwt',
    });
    for (const route of apiRoutes) {
      const [created] = this.httpApi.addRoutes({
        path: route.path,
        methods: [route.method],
        integration,
        ...(route.access === 'commander' ? { authorizer: commanderAuthorizer } : {}),
      });
      if (route.access === 'public' && created) {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by contract (shared/API.md): customers and status pages read it without an account. It only reads, except POST /v1/subscriptions, which SNS double-opt-in confirms and which has its own low throttle.`,
        });
      }
      if (route.throttle && created) this.throttleRoute(route, created, route.throttle);
    }
  }

  /** A route-level limit below the default one; the stage may only name a route that already exists. */
  private throttleRoute(route: ApiRoute, created: apigwv2.HttpRoute, limits: { rateLimit: number; burstLimit: number }): void {
    const cfnStage = this.apiStage.node.defaultChild as apigwv2.CfnStage;
    // RouteSettings is untyped JSON in the CloudFormation schema: the keys must be spelled as CloudFormation spells them.
    cfnStage.routeSettings = {
      ...(cfnStage.routeSettings as Record<string, unknown> | undefined),
      [`${route.method} ${route.path}`]: { ThrottlingRateLimit: limits.rateLimit, ThrottlingBurstLimit: limits.burstLimit },
    };
    cfnStage.node.addDependency(created);
  }

  /** The API's base URL, without a trailing slash. */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}
