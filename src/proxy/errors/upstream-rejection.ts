/**
 * OFD answered with an error envelope. The proxy passes it through (token scrubbed) with OFD's HTTP status;
 * carried as an exception so route code stays linear.
 */
export class UpstreamRejection extends Error {
  override name = 'UpstreamRejection';
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`OFD answered HTTP ${status} with an error envelope`);
  }
}
