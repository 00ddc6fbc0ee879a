/** The local confirmation mail, in the subscriber's language (deployed, SNS writes its own). */
export function subscriptionMailText(locale: string, serviceName: string, confirmLink: string): { subject: string; text: string } {
  if (locale === 'id') {
    return {
      subject: `Konfirmasi langganan status ${asciiOnly(serviceName)}`,
      text: `Halo,\n\nSeseorang (semoga Anda) meminta pemberitahuan email tentang gangguan layanan ${serviceName}.\n\nUntuk mulai menerima pemberitahuan, konfirmasikan langganan Anda melalui tautan berikut:\n${confirmLink}\n\nJika Anda tidak memintanya, abaikan saja email ini. Anda tidak akan menerima email lain dari kami.\n`,
    };
  }
  return {
    subject: `Confirm your ${asciiOnly(serviceName)} status subscription`,
    text: `Hello,\n\nSomeone (hopefully you) asked for email notifications about ${serviceName} incidents.\n\nTo start receiving them, confirm your subscription:\n${confirmLink}\n\nIf this wasn't you, ignore this email and you won't hear from us again.\n`,
  };
}

export function unsubscribeFooter(locale: string, link: string): string {
  return locale === 'id'
    ? `\n\n--\nBerhenti berlangganan pemberitahuan ini: ${link}\n`
    : `\n\n--\nUnsubscribe from these notifications: ${link}\n`;
}

function asciiOnly(text: string): string {
  return text.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
}
