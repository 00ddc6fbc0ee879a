/**
 * The headers CloudFront adds to what it forwards to the API, named once for the stack that
 * configures them and the functions that read them.
 */
export const frontDoorHeaders = {
  /**
   * A secret only the distribution knows: with it on every forwarded request, the API can tell a
   * request that passed the CDN and its firewall from one sent straight to the API's own domain.
   */
  originVerify: 'x-origin-verify',
  /**
   * `<ip>:<port>` of the viewer as CloudFront saw it (CloudFront sets it; a viewer's own value is
   * not passed on). Behind the CDN, API Gateway's source IP is an edge server's, so per-client
   * limits read the client from here.
   */
  viewerAddress: 'cloudfront-viewer-address',
} as const;
