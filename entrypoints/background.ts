// Wiring only: each feature registers its listeners; the logic lives in utils/.
import { registerDetection } from '@/utils/reveal/detection';
import { registerReceipts } from '@/utils/sent/receipts';
import { registerSharing } from '@/utils/share/sharing';

export default defineBackground(() => {
  registerSharing();
  registerDetection();
  registerReceipts();
});
