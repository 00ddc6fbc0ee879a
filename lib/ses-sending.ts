import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { Mailbox } from '../lambdas/core/email/mailbox.js';
import type { IncidentCommsFunction } from './lambda-function.js';

/** The events of the configuration set the stack acts on: each one suppresses an address. */
export const reportedSendingEvents = [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT];

export interface SesSendingProps {
  /** The sender of customer mail (`channels.email.from`); its domain becomes the SES identity. */
  readonly from: Mailbox;
}

/**
 * Amazon SES for customer mail: the domain of the configured sender as an email identity signed with
 * Easy DKIM (2048-bit; the operator publishes the three CNAMEs of the stack outputs), and a
 * configuration set (reputation metrics, TLS required, SES's own suppression of bounces and
 * complaints) that reports bounces and complaints to the default EventBridge bus, the only bus SES
 * publishes to.
 *
 * @example
 * const ses = new SesSending(this, 'Ses', { from: parseMailbox(config.channels.email.from)! });
 * ses.grantSendEmail(sender);
 */
export class SesSending extends Construct {
  public readonly identity: ses.EmailIdentity;
  public readonly configurationSet: ses.ConfigurationSet;
  /** SES v2 authorizes SendEmail against the configuration set as well as the identity. */
  public readonly configurationSetArn: string;

  constructor(scope: Construct, id: string, props: SesSendingProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      // SES refuses to deliver to an address it saw bounce or complain, even before our own suppression
      // (the SES events function) has marked the subscriber; its refusal is itself reported as a bounce.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: reportedSendingEvents,
    });
    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });

    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.from.domain),
      dkimSigning: true,
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
      // Mail from this domain that names no configuration set is still measured and reported.
      configurationSet: this.configurationSet,
    });
  }

  /**
   * `ses:SendEmail` (SES v2) from this identity with this configuration set, and nothing else: no
   * other identity, no raw or templated sending, no SES administration.
   */
  grantSendEmail(fn: IncidentCommsFunction): void {
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [this.identity.emailIdentityArn, this.configurationSetArn],
      }),
    );
  }
}
