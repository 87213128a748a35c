// Transfers: which actions a transfer's status allows, and how its lines read.

export type TransferStatus = 'DRAFT' | 'IN_TRANSIT' | 'RECEIVED' | 'CANCELLED';
export type TransferAction = 'ship' | 'receive' | 'cancel';

export const transferStatuses: readonly TransferStatus[] = ['DRAFT', 'IN_TRANSIT', 'RECEIVED', 'CANCELLED'];

export const transferStatusLabels: Record<TransferStatus, string> = {
  DRAFT: 'Draft',
  IN_TRANSIT: 'In transit',
  RECEIVED: 'Received',
  CANCELLED: 'Cancelled',
};

/** DRAFT can be shipped or cancelled; IN_TRANSIT received or cancelled (its stock goes back); the rest is final. */
export function transferActions(status: TransferStatus): TransferAction[] {
  switch (status) {
    case 'DRAFT':
      return ['ship', 'cancel'];
    case 'IN_TRANSIT':
      return ['receive', 'cancel'];
    default:
      return [];
  }
}

/** "2 × SKU-1, 5 × SKU-2". */
export function describeLines(lines: readonly { sku: string; quantity: number }[]): string {
  return lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ');
}

/** What happened, for the status message. */
export function transferDone(action: TransferAction, t: { fromWarehouseCode: string; toWarehouseCode: string; reference: string | null }): string {
  const what = `Transfer ${t.fromWarehouseCode} → ${t.toWarehouseCode}${t.reference ? ` (${t.reference})` : ''}`;
  switch (action) {
    case 'ship':
      return `${what} shipped: the stock left ${t.fromWarehouseCode} and is incoming at ${t.toWarehouseCode}.`;
    case 'receive':
      return `${what} received: the stock is on hand at ${t.toWarehouseCode}.`;
    case 'cancel':
      return `${what} cancelled.`;
  }
}
