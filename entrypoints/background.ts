// Wiring only: each feature registers its listeners; the logic lives in utils/.
import { registerContextMenus } from '@/utils/context-menus';
import { registerGuard } from '@/utils/guard/listeners';
import { registerRequests } from '@/utils/request/listeners';
import { registerReveal } from '@/utils/reveal/listeners';
import { registerSent } from '@/utils/sent/listeners';
import { registerFirstRun } from '@/utils/settings/first-run';
import { registerSharing } from '@/utils/share/listeners';

export default defineBackground(() => {
  const sharing = registerSharing();
  const reveal = registerReveal();
  registerSent();
  registerRequests();
  const guard = registerGuard();
  registerFirstRun();
  registerContextMenus({
    'share-selection': sharing.onMenuClick, 'share-with-options': sharing.onOptionsClick, 'reveal-safely': reveal.onMenuClick, 'scan-page': guard.onMenuClick,
  });
});
