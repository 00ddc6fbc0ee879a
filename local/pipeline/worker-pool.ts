import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

/**
 * One handler instance per concurrent consumer, as Lambda runs one per execution environment: state
 * kept per instance (a sender's pace) is then per worker locally too, not shared by all of them.
 *
 * @example
 * queue.consume(workerPool(concurrency, () => createEmailSenderHandler(deps)));
 */
export function workerPool(size: number, createWorker: () => SqsHandler): SqsHandler {
  const idle = Array.from({ length: size }, createWorker);
  return async (event) => {
    // The queue never runs more consumers than `size` at once, so one is always idle here.
    const worker = idle.pop() ?? createWorker();
    try {
      return await worker(event);
    } finally {
      idle.push(worker);
    }
  };
}
