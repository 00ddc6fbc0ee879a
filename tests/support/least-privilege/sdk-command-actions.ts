/** A command whose rights are those of the items it carries: a transaction is authorized item by item. */
export const perTransactionItem = 'per transaction item';

/**
 * The IAM actions each AWS SDK command needs, by the package that declares it: the one list
 * `awsCallsOf` reads. A command our code constructs that is missing here fails the least-privilege
 * test until its actions are written down. SQS and SNS batch calls are authorized by the action of a
 * single message (there is no `sqs:SendMessageBatch` or `sns:PublishBatch` permission).
 */
export const sdkCommandActions: Readonly<Record<string, Readonly<Record<string, readonly string[] | typeof perTransactionItem>>>> = {
  '@aws-sdk/lib-dynamodb': {
    GetCommand: ['dynamodb:GetItem'],
    PutCommand: ['dynamodb:PutItem'],
    UpdateCommand: ['dynamodb:UpdateItem'],
    DeleteCommand: ['dynamodb:DeleteItem'],
    QueryCommand: ['dynamodb:Query'],
    ScanCommand: ['dynamodb:Scan'],
    BatchGetCommand: ['dynamodb:BatchGetItem'],
    BatchWriteCommand: ['dynamodb:BatchWriteItem'],
    TransactGetCommand: perTransactionItem,
    TransactWriteCommand: perTransactionItem,
  },
  // A schedule's target runs as the role it names: creating or moving one passes that role.
  '@aws-sdk/client-scheduler': {
    CreateScheduleCommand: ['scheduler:CreateSchedule', 'iam:PassRole'],
    UpdateScheduleCommand: ['scheduler:UpdateSchedule', 'iam:PassRole'],
    DeleteScheduleCommand: ['scheduler:DeleteSchedule'],
  },
  '@aws-sdk/client-dynamodb': {
    GetItemCommand: ['dynamodb:GetItem'],
    PutItemCommand: ['dynamodb:PutItem'],
    UpdateItemCommand: ['dynamodb:UpdateItem'],
    DeleteItemCommand: ['dynamodb:DeleteItem'],
    QueryCommand: ['dynamodb:Query'],
    ScanCommand: ['dynamodb:Scan'],
    BatchGetItemCommand: ['dynamodb:BatchGetItem'],
    BatchWriteItemCommand: ['dynamodb:BatchWriteItem'],
    TransactGetItemsCommand: perTransactionItem,
    TransactWriteItemsCommand: perTransactionItem,
  },
  '@aws-sdk/client-sns': {
    PublishCommand: ['sns:Publish'],
    PublishBatchCommand: ['sns:Publish'],
  },
  '@aws-sdk/client-sqs': {
    SendMessageCommand: ['sqs:SendMessage'],
    SendMessageBatchCommand: ['sqs:SendMessage'],
    ChangeMessageVisibilityCommand: ['sqs:ChangeMessageVisibility'],
    ChangeMessageVisibilityBatchCommand: ['sqs:ChangeMessageVisibility'],
    DeleteMessageCommand: ['sqs:DeleteMessage'],
    DeleteMessageBatchCommand: ['sqs:DeleteMessage'],
    ReceiveMessageCommand: ['sqs:ReceiveMessage'],
  },
  '@aws-sdk/client-sesv2': {
    SendEmailCommand: ['ses:SendEmail'],
  },
  '@aws-sdk/client-s3': {
    PutObjectCommand: ['s3:PutObject'],
    GetObjectCommand: ['s3:GetObject'],
  },
  '@aws-sdk/client-secrets-manager': {
    GetSecretValueCommand: ['secretsmanager:GetSecretValue'],
  },
};

/** The action each kind of transaction item needs on its own table. */
export const transactionItemActions: Readonly<Record<string, string>> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};
