import { Duration, Validations } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { ConfigError } from '../lambdas/core/config/parse-config.js';
import { isReservedExampleHost } from '../lambdas/core/config/reserved-domains.js';
import { operationList } from '../lambdas/core/api/api-contract.js';
import type { OperationDeclaration, OperationId, ServedBy } from '../lambdas/core/api/api-contract.js';
import type { DeploymentStage } from './deployment-stage.js';
import { IncidentCommsFunction } from './lambda-function.js';
import type { OriginVerification } from './origin-verification.js';
import type { SubscriptionTokenKey } from './subscription-tokens.js';

/** Steady-state requests per second and burst across the API; CloudFront absorbs the public read surge. */
export const defaultThrottle = { rateLimit: 50, burstLimit: 100 };

/** An accepted subscription may send a confirmation mail: a low limit keeps the form from being used to mail-bomb. */
export const subscriptionThrottle = { rateLimit: 5, burstLimit: 10 };

/** Operations with a limit below the stage's default one. */
export const operationThrottles: Partial<Record<OperationId, { readonly rateLimit: number; readonly burstLimit: number }>> = {
  subscribe: subscriptionThrottle,
};

/** The JWT issuer and audience commanders' tokens must carry, and what makes one a commander's. */
export interface CommanderAuth {
  readonly jwtIssuer: string;
  /** `auth.jwtAudience`, and the console's client id (`auth.consoleClientId`) when it is set. */
  readonly jwtAudience: string[];
  /** Carried by the authorizer on every commander route; the function checks it again with the groups. */
  readonly scope?: string;
  readonly groups?: string[];
}

/**
 * There is no safe default issuer: a deployment without one would either be open or unusable, so
 * synth stops and says which field to set. A token from the issuer is not enough either: with
 * self sign-up, or a tenant shared with the customer app, anyone can get one, so synth also wants
 * the scope or the groups that make a token a commander's.
 */
export function commanderAuthFrom(config: Config, source = 'incident-comms.config.json'): CommanderAuth {
  const { jwtIssuer, jwtAudience, commanderScope, commanderGroups, consoleClientId } = config.auth;
  const missing = [!jwtIssuer && 'auth.jwtIssuer', !jwtAudience?.length && 'auth.jwtAudience'].filter(Boolean);
  if (!jwtIssuer || !jwtAudience?.length) {
    throw new ConfigError(
      `${source}: ${missing.join(' and ')} must be set to deploy: commander routes are guarded by an API Gateway JWT authorizer. ` +
        'Set auth.jwtIssuer to your OIDC issuer URL (e.g. "https://cognito-idp.<region>.amazonaws.com/<userPoolId>" or "https://<tenant>.auth0.com/") ' +
        'and auth.jwtAudience to the audiences (client ids) its commander tokens carry.',
    );
  }
  if (isReservedExampleHost(new URL(jwtIssuer).hostname)) {
    throw new ConfigError(
      `${source}: auth.jwtIssuer "${jwtIssuer}" is on a domain reserved for examples (RFC 2606), so no token could ever be verified and nobody could command: ` +
        'set it to your OIDC provider\'s issuer URL, e.g. "https://cognito-idp.<region>.amazonaws.com/<userPoolId>", "https://<tenant>.auth0.com/" or "https://<org>.okta.com/oauth2/default".',
    );
  }
  if (!commanderScope && !commanderGroups?.length) {
    throw new ConfigError(
      `${source}: auth.commanderScope or auth.commanderGroups must be set to deploy: any user of ${jwtIssuer} can get a token, and only commanders may speak to every customer. ` +
        'Set auth.commanderScope to the scope commander tokens carry (e.g. "incident-comms/command") and/or auth.commanderGroups to the groups commanders are in (e.g. ["incident-commanders"]); README.md, "Commander sign-in", shows it for Cognito, Auth0 and Okta.',
    );
  }
  return {
    jwtIssuer,
    // API Gateway's JWT authorizer accepts a token whose "aud" or, when it has no "aud", "client_id"
    // is in this list. Cognito access tokens carry the app client id in "client_id" only, so the
    // console's client id must be listed for its tokens to pass; other providers put the API's
    // identifier (already in jwtAudience) in "aud", where the extra entry is harmless.
    jwtAudience: [...new Set([...jwtAudience, ...(consoleClientId ? [consoleClientId] : [])])],
    ...(commanderScope ? { scope: commanderScope } : {}),
    ...(commanderGroups?.length ? { groups: commanderGroups } : {}),
  };
}

/** The API's own domain and its certificate, through which CloudFront reaches the API. */
export interface ApiOrigin {
  readonly domainName: string;
  readonly certificateArn: string;
}

/**
 * The execute-api endpoint is disabled so that nothing reaches the API round the CDN and its
 * firewall; CloudFront then needs a custom domain of the API's to reach it by.
 */
export function apiOriginFrom(config: Config, source = 'incident-comms.config.json'): ApiOrigin {
  const { apiOriginDomainName, apiOriginCertificateArn } = config.frontDoor;
  if (!apiOriginDomainName || !apiOriginCertificateArn) {
    throw new ConfigError(
      `${source}: frontDoor.apiOriginDomainName and frontDoor.apiOriginCertificateArn must be set to deploy: the API's execute-api endpoint is disabled so that every request passes CloudFront and its firewall, and CloudFront reaches the API through this domain. ` +
        'Name a domain of yours (e.g. "api-origin.status.example.com") and an ACM certificate covering it in the region you deploy to; after deploying, point a CNAME at the ApiOriginTarget output.',
    );
  }
  return { domainName: apiOriginDomainName, certificateArn: apiOriginCertificateArn };
}

export interface ApiProps {
  readonly table: dynamodb.TableV2;
  readonly recipientTable: dynamodb.TableV2;
  /** The key of the subscription links' tokens: the subscription routes issue and read them. */
  readonly tokens: SubscriptionTokenKey;
  readonly config: Config;
  readonly stage: DeploymentStage;
  /** Browser origins allowed to call the API across origins (the status page's own origin). */
  readonly corsOrigins: string[];
  /** The secret CloudFront adds to what it forwards, required by every function. */
  readonly originVerification: OriginVerification;
}

/**
 * The HTTP API of docs/api.md in front of three API Lambdas, each route sent to the one its operation is
 * `servedBy` in the contract: the public reads to a lean function that may only read the incident
 * table, the commanders' previews to a function that may only read incidents (it carries the message
 * renderers, so the write function cold-starts without them), the commanders' and subscribers' other
 * routes to the write function. Commander routes sit behind a JWT
 * authorizer, public routes are open, with default and per-route throttling, JSON access logs, and
 * CORS for the status page.
 *
 * @example
 * const api = new Api(this, 'Api', { table, recipientTable, tokens, config, stage, corsOrigins: ['https://status.example.com'] });
 * new CfnOutput(this, 'ApiUrl', { value: api.url });
 */
export class Api extends Construct {
  public readonly httpApi: apigwv2.HttpApi;
  public readonly apiStage: apigwv2.HttpStage;
  /** The commanders' and subscribers' routes (`servedBy: 'writes'`), the previews excepted. */
  public readonly handler: IncidentCommsFunction;
  /** The public reads (`servedBy: 'reads'`): read-only on the incident table, nothing else. */
  public readonly readHandler: IncidentCommsFunction;
  /** The commanders' previews (`servedBy: 'previews'`): read-only on the incident partitions, nothing else. */
  public readonly previewHandler: IncidentCommsFunction;
  public readonly accessLogs: logs.LogGroup;
  /** The API's own domain, CloudFront's origin: the only way in, the execute-api endpoint being disabled. */
  public readonly originDomain: apigwv2.DomainName;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const auth = commanderAuthFrom(props.config);
    const origin = apiOriginFrom(props.config);

    this.handler = new IncidentCommsFunction(this, 'Handler', {
      handlerName: 'api',
      config: props.config,
      description: 'Serves the incident communication API v1',
      stage: props.stage,
      // API Gateway gives up after 30 s; an answer slower than 10 s is a bug, not a wait.
      timeout: Duration.seconds(10),
      memorySize: 1024,
    });
    this.handler.useTable(props.table);
    // The subscription routes store subscribers in the recipient table and mail requests in the main
    // table (the fan-out hands the mails to the email senders) and issue and check the tokens of their links.
    this.handler.useRecipientTable(props.recipientTable);
    props.tokens.grantRead(this.handler);

    this.readHandler = new IncidentCommsFunction(this, 'ReadHandler', {
      handlerName: 'read-api',
      config: props.config,
      description: 'Serves the public reads of the incident communication API v1: status, feed, incidents',
      stage: props.stage,
      timeout: Duration.seconds(10),
      memorySize: 1024,
    });
    this.readHandler.readTable(props.table);

    // The previews render every channel and locale (the renderers, the catalogs, twitter-text): in a
    // function of their own, the write function a commander declares an incident with cold-starts without them.
    this.previewHandler = new IncidentCommsFunction(this, 'PreviewHandler', {
      handlerName: 'preview-api',
      config: props.config,
      description: 'Serves the commanders\' previews of the incident communication API v1: renders what a change would send, stores nothing',
      stage: props.stage,
      timeout: Duration.seconds(10),
      memorySize: 1024,
    });
    this.previewHandler.readTable(props.table);
    props.originVerification.requireOn(this.handler);
    props.originVerification.requireOn(this.readHandler);
    props.originVerification.requireOn(this.previewHandler);

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: `${props.config.serviceName} incident communication API v1`,
      createDefaultStage: false,
      // The only way in is CloudFront (lib/status-site.ts), through originDomain.
      disableExecuteApiEndpoint: true,
      corsPreflight: {
        allowOrigins: props.corsOrigins,
        // PUT: the preferences page (PUT /v1/subscriptions/preferences) when it calls the API's own domain.
        allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST, apigwv2.CorsHttpMethod.PUT, apigwv2.CorsHttpMethod.OPTIONS],
        // The request headers the contract's operations read, besides the bearer token and the body's type.
        allowHeaders: ['authorization', 'content-type', ...new Set(operationList.flatMap((operation) => operation.headers ?? []))],
        exposeHeaders: ['location', 'etag', 'idempotent-replayed'],
        maxAge: Duration.hours(1),
      },
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.stage.logRetention,
      removalPolicy: props.stage.removalPolicy,
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
    this.originDomain = new apigwv2.DomainName(this, 'OriginDomain', {
      domainName: origin.domainName,
      certificate: acm.Certificate.fromCertificateArn(this, 'OriginCertificate', origin.certificateArn),
      securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
    });
    new apigwv2.ApiMapping(this, 'OriginMapping', { api: this.httpApi, domainName: this.originDomain, stage: this.apiStage });
    const integrations: Record<ServedBy, HttpLambdaIntegration> = {
      writes: new HttpLambdaIntegration('Handler', this.handler.function, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 }),
      reads: new HttpLambdaIntegration('ReadHandler', this.readHandler.function, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 }),
      previews: new HttpLambdaIntegration('PreviewHandler', this.previewHandler.function, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 }),
    };
    const commanderAuthorizer = new HttpJwtAuthorizer('CommanderJwt', auth.jwtIssuer, {
      jwtAudience: auth.jwtAudience,
      authorizerName: 'commander-jwt',
    });
    // Every operation of the contract, with the access it declares: nothing here decides who may call what.
    for (const operation of operationList) {
      const [created] = this.httpApi.addRoutes({
        path: operation.path,
        methods: [apigwv2.HttpMethod[operation.method]],
        integration: integrations[operation.servedBy],
        ...(operation.access === 'commander' ? { authorizer: commanderAuthorizer, ...(auth.scope ? { authorizationScopes: [auth.scope] } : {}) } : {}),
      });
      if (!created) throw new Error(`API Gateway created no route for ${operation.method} ${operation.path}`);
      if (operation.access === 'public') {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${operation.method} ${operation.path} is public by contract (docs/api.md): customers, status pages and mail providers (RFC 8058 one-click unsubscribe) call it without an account. The public routes only read, except the subscription routes: POST /v1/subscriptions is confirmed by double opt-in and has its own low throttle and a per-client limit, and confirm, unsubscribe and preferences act only for the holder of an unguessable single-purpose token from the subscriber's own mail.`,
        });
      }
      const throttle = operationThrottles[operation.id];
      if (throttle) this.throttleRoute(operation, created, throttle);
    }
  }

  /** A route-level limit below the default one; the stage may only name a route that already exists. */
  private throttleRoute(route: OperationDeclaration, created: apigwv2.HttpRoute, limits: { rateLimit: number; burstLimit: number }): void {
    const cfnStage = this.apiStage.node.defaultChild as apigwv2.CfnStage;
    // RouteSettings is untyped JSON in the CloudFormation schema: the keys must be spelled as CloudFormation spells them.
    cfnStage.routeSettings = {
      ...(cfnStage.routeSettings as Record<string, unknown> | undefined),
      [`${route.method} ${route.path}`]: { ThrottlingRateLimit: limits.rateLimit, ThrottlingBurstLimit: limits.burstLimit },
    };
    cfnStage.node.addDependency(created);
  }

  /** The API Gateway domain name the origin domain's CNAME must point at. */
  get originTarget(): string {
    return this.originDomain.regionalDomainName;
  }
}
