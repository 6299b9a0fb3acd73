// The shapes of AWS identifiers, for values the offline oracle has to make up. A synthetic id ends
// up in other resources' arguments on the next round (`launch_template { id = aws_launch_template.t.id }`),
// and the aws provider validates some of them at plan time: `"launch_template.0.id" must begin with
// 'lt-'`, an ARN must parse as an ARN, a zone id is at most 32 characters. An id of the real shape
// passes every such check, so the tables below follow AWS's own formats, not the provider's checks
// one by one. Pure data plus one lookup; adding a type is adding a row.

/** EC2-style ids: `<prefix><17 hex digits>`, keyed by the resource type whose `id` has that shape. */
const EC2_ID_PREFIX: Record<string, string> = {
  aws_ami: 'ami-',
  aws_ami_copy: 'ami-',
  aws_ami_from_instance: 'ami-',
  aws_customer_gateway: 'cgw-',
  aws_default_network_acl: 'acl-',
  aws_default_route_table: 'rtb-',
  aws_default_security_group: 'sg-',
  aws_default_subnet: 'subnet-',
  aws_default_vpc: 'vpc-',
  aws_default_vpc_dhcp_options: 'dopt-',
  aws_ebs_snapshot: 'snap-',
  aws_ebs_volume: 'vol-',
  aws_ec2_capacity_reservation: 'cr-',
  aws_ec2_client_vpn_endpoint: 'cvpn-endpoint-',
  aws_ec2_fleet: 'fleet-',
  aws_ec2_host: 'h-',
  aws_ec2_managed_prefix_list: 'pl-',
  aws_ec2_transit_gateway: 'tgw-',
  aws_ec2_transit_gateway_peering_attachment: 'tgw-attach-',
  aws_ec2_transit_gateway_route_table: 'tgw-rtb-',
  aws_ec2_transit_gateway_vpc_attachment: 'tgw-attach-',
  aws_egress_only_internet_gateway: 'eigw-',
  aws_eip: 'eipalloc-',
  aws_eip_association: 'eipassoc-',
  aws_flow_log: 'fl-',
  aws_instance: 'i-',
  aws_internet_gateway: 'igw-',
  aws_launch_template: 'lt-',
  aws_nat_gateway: 'nat-',
  aws_network_acl: 'acl-',
  aws_network_interface: 'eni-',
  aws_network_interface_attachment: 'eni-attach-',
  aws_route_table: 'rtb-',
  aws_route_table_association: 'rtbassoc-',
  aws_security_group: 'sg-',
  aws_spot_instance_request: 'sir-',
  aws_subnet: 'subnet-',
  aws_vpc: 'vpc-',
  aws_vpc_dhcp_options: 'dopt-',
  aws_vpc_endpoint: 'vpce-',
  aws_vpc_endpoint_service: 'vpce-svc-',
  aws_vpc_ipv4_cidr_block_association: 'vpc-cidr-assoc-',
  aws_vpc_peering_connection: 'pcx-',
  aws_vpc_security_group_egress_rule: 'sgr-',
  aws_vpc_security_group_ingress_rule: 'sgr-',
  aws_vpn_connection: 'vpn-',
  aws_vpn_gateway: 'vgw-',
  aws_efs_file_system: 'fs-',
  aws_efs_mount_target: 'fsmt-',
  aws_efs_access_point: 'fsap-',
};

/** Other attributes (any resource) that hold the id of something with an EC2-style id. */
const EC2_ID_ATTRIBUTE: Record<string, string> = {
  vpc_id: 'vpc-',
  subnet_id: 'subnet-',
  security_group_id: 'sg-',
  default_security_group_id: 'sg-',
  source_security_group_id: 'sg-',
  route_table_id: 'rtb-',
  main_route_table_id: 'rtb-',
  default_route_table_id: 'rtb-',
  network_acl_id: 'acl-',
  default_network_acl_id: 'acl-',
  network_interface_id: 'eni-',
  primary_network_interface_id: 'eni-',
  instance_id: 'i-',
  image_id: 'ami-',
  launch_template_id: 'lt-',
  allocation_id: 'eipalloc-',
  volume_id: 'vol-',
  snapshot_id: 'snap-',
  transit_gateway_id: 'tgw-',
  transit_gateway_attachment_id: 'tgw-attach-',
  vpc_endpoint_id: 'vpce-',
  nat_gateway_id: 'nat-',
  egress_only_gateway_id: 'eigw-',
  dhcp_options_id: 'dopt-',
  prefix_list_id: 'pl-',
  security_group_rule_id: 'sgr-',
  file_system_id: 'fs-',
  access_point_id: 'fsap-',
  mount_target_id: 'fsmt-',
};

/** Resources whose `id` is their ARN (so `x.id` feeds arguments the provider checks as ARNs). */
const ID_IS_ARN = new Set([
  'aws_acm_certificate',
  'aws_cloudwatch_event_bus',
  'aws_ecs_cluster',
  'aws_iam_openid_connect_provider',
  'aws_iam_policy',
  'aws_iam_saml_provider',
  'aws_lb',
  'aws_alb',
  'aws_lb_listener',
  'aws_alb_listener',
  'aws_lb_listener_rule',
  'aws_lb_target_group',
  'aws_alb_target_group',
  'aws_glue_registry',
  'aws_glue_schema',
  'aws_kinesis_firehose_delivery_stream',
  'aws_kinesis_stream',
  'aws_msk_cluster',
  'aws_msk_configuration',
  'aws_msk_serverless_cluster',
  'aws_ram_resource_share',
  'aws_secretsmanager_secret',
  'aws_sfn_activity',
  'aws_sfn_state_machine',
  'aws_sns_topic',
  'aws_sns_topic_subscription',
]);

/** Resources whose `id` is a UUID. */
const ID_IS_UUID = new Set(['aws_kms_key', 'aws_route53_health_check', 'aws_cloudfront_cache_policy', 'aws_cloudfront_origin_request_policy', 'aws_cloudfront_response_headers_policy']);

/** Route 53 hosted zone ids (`Z` + up to 31 upper-case alphanumerics; the provider caps zone_id at 32). */
const ZONE_ID_TYPES = new Set(['aws_route53_zone']);
const ZONE_ID_ATTRIBUTES = new Set(['zone_id', 'hosted_zone_id']);

/** CloudFront ids (`E` + 13 upper-case alphanumerics). */
const CLOUDFRONT_ID_TYPES = new Set(['aws_cloudfront_distribution', 'aws_cloudfront_origin_access_identity', 'aws_cloudfront_origin_access_control', 'aws_cloudfront_key_group', 'aws_cloudfront_public_key']);

/** Attributes that hold the same value as the resource's own `id`. */
const ID_ALIASES: Record<string, string[]> = {
  aws_kms_key: ['key_id'],
  aws_route53_zone: ['zone_id'],
};

/** Attributes that hold an AWS account id (12 digits; the provider checks the shape). */
const ACCOUNT_ID_ATTRIBUTES = new Set(['owner_id', 'account_id', 'owner_account_id', 'registry_id']);

/** ARN service names where they differ from the resource type's second word. */
const ARN_SERVICE: Record<string, string> = {
  aws_alb: 'elasticloadbalancing',
  aws_lb: 'elasticloadbalancing',
  aws_cloudwatch_log: 'logs',
  aws_cloudwatch_event: 'events',
  aws_cloudwatch_metric: 'cloudwatch',
  aws_sfn: 'states',
  aws_db: 'rds',
  aws_rds: 'rds',
  aws_efs: 'elasticfilesystem',
  aws_launch: 'ec2',
  aws_vpc: 'ec2',
  aws_subnet: 'ec2',
  aws_security: 'ec2',
  aws_instance: 'ec2',
  aws_ebs: 'ec2',
  aws_eip: 'ec2',
  aws_route: 'ec2',
  aws_network: 'ec2',
  aws_internet: 'ec2',
  aws_nat: 'ec2',
  aws_key: 'ec2',
  aws_autoscaling: 'autoscaling',
  aws_elasticache: 'elasticache',
  aws_cognito: 'cognito-idp',
  aws_api: 'apigateway',
  aws_kinesis_firehose: 'firehose',
  aws_msk: 'kafka',
};

/** The account every synthetic ARN and account id uses (the one offline mode's STS answers with). */
export const SYNTHETIC_ACCOUNT_ID = '123456789012';

/**
 * The synthetic value for string attribute `attr` (top level when `topLevel`) of a resource of
 * `type`, shaped as AWS shapes it; undefined when AWS gives it no particular shape. `hex` is a
 * deterministic hex digest of the attribute's address (at least 32 digits).
 */
export function awsShapedString(type: string, attr: string, topLevel: boolean, hex: string): string | undefined {
  if (topLevel && attr === 'id') {
    const prefix = EC2_ID_PREFIX[type];
    if (prefix) return prefix + hex.slice(0, 17);
    if (ID_IS_UUID.has(type)) return uuid(hex);
    if (ZONE_ID_TYPES.has(type)) return `Z${hex.slice(0, 20).toUpperCase()}`;
    if (CLOUDFRONT_ID_TYPES.has(type)) return `E${hex.slice(0, 13).toUpperCase()}`;
    if (ID_IS_ARN.has(type)) return undefined; // the caller gives it the instance's ARN
  }
  const prefix = EC2_ID_ATTRIBUTE[attr];
  if (prefix) return prefix + hex.slice(0, 17);
  if (ZONE_ID_ATTRIBUTES.has(attr)) return `Z${hex.slice(0, 20).toUpperCase()}`;
  if (ACCOUNT_ID_ATTRIBUTES.has(attr)) return SYNTHETIC_ACCOUNT_ID;
  return undefined;
}

/** True when attribute `attr` of a `type` resource always equals its `id` (aws_kms_key.key_id). */
export function isIdAlias(type: string, attr: string): boolean {
  return ID_ALIASES[type]?.includes(attr) ?? false;
}

// Arguments that hold a JSON document (IAM and resource policies, task and state machine
// definitions, event patterns), and the smallest valid document of their kind.
const JSON_ARRAY_ATTRIBUTES = new Set(['container_definitions']);
const JSON_ATTRIBUTE = /(^|_)(policy|policy_document|definition|event_pattern|json|document)$/;

/** The synthetic value of a configured JSON-document argument (`{}` or `[]`), or undefined for other attributes. */
export function jsonShapedString(attr: string): string | undefined {
  if (JSON_ARRAY_ATTRIBUTES.has(attr)) return '[]';
  return JSON_ATTRIBUTE.test(attr) ? '{}' : undefined;
}

/** True when a resource of `type` uses its ARN as its id. */
export function idIsArn(type: string): boolean {
  return ID_IS_ARN.has(type);
}

/** The ARN service name for resources of `type` (`aws_lb` → elasticloadbalancing). */
export function arnService(type: string): string {
  const words = type.split('_');
  const two = words.slice(0, 3).join('_');
  return ARN_SERVICE[two] ?? ARN_SERVICE[words.slice(0, 2).join('_')] ?? words[1] ?? 'unmodule';
}

function uuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
