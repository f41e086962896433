// Offscreen document (Chrome MV3): the background's clipboard. It only answers offscreenCopy.
import { onMessage } from '@/utils/messaging';
import { createOffscreenClipboard } from '@/utils/clipboard/offscreen-copy';

const copy = createOffscreenClipboard(document);

onMessage('offscreenCopy', ({ data }) => copy(data.text, data.clearAfterSeconds));
