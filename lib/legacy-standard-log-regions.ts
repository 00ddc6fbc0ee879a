import { Fact, FactName } from 'aws-cdk-lib/region-info';

/** The partitions that have CloudFront. */
const cloudFrontPartitions = new Set(['aws', 'aws-cn']);

/**
 * The regions whose S3 buckets CloudFront's standard logging (legacy) can write to: those enabled by
 * default, as aws-cdk-lib's region facts know them.
 *
 * CloudFront's guide ("Configure standard logging (legacy)") names af-south-1, ap-east-1, eu-south-1
 * and me-south-1 as regions it does not deliver to, and the opt-in regions opened since fail the same
 * way (eu-central-2: aws/aws-cdk#33297, "You don't have permission to access the S3 bucket for
 * CloudFront logs"). Every region named is an opt-in region. Listing the regions that work, rather
 * than those that do not, means a region this list has not heard of yet (opt-in, like nearly every
 * region opened since 2019) gets a distribution without legacy logs instead of a failed deploy.
 *
 * @example
 * legacyStandardLogRegions.includes('eu-west-1'); // true
 * legacyStandardLogRegions.includes('af-south-1'); // false
 */
export const legacyStandardLogRegions: readonly string[] = Fact.regions.filter(
  (region) => cloudFrontPartitions.has(Fact.find(region, FactName.PARTITION) ?? '') && Fact.find(region, FactName.IS_OPT_IN_REGION) === 'NO',
);
