// Wiring only: each feature registers its listeners; the logic lives in utils/.
import { registerDetection } from '@/utils/detection';
import { registerReceipts } from '@/utils/receipts';
import { registerSharing } from '@/utils/sharing';

export default defineBackground(() => {
  registerSharing();
  registerDetection();
  registerReceipts();
});
