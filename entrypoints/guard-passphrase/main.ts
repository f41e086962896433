// The passphrase step of the paste guard's prompt. An extension page framed in the prompt: what is
// typed here reaches no page script (a page sees the keys typed into its own frames only), and
// the passphrase goes to the guard holding the paste through the background.
import '@/assets/theme.css';
import './style.css';
import { extensionTranslator } from '@/utils/i18n/extension';
import { sendMessage } from '@/utils/messaging';
import { generatePassphrase } from '@/utils/share/passphrase';

const { t, lang, dir } = extensionTranslator();

// The request id names the held paste; it is dropped from the address at once.
const requestId = location.hash.slice(1);
history.replaceState(null, '', location.pathname);

const form = document.getElementById('form') as HTMLFormElement;
const input = document.getElementById('passphrase') as HTMLInputElement;
const create = document.getElementById('create') as HTMLButtonElement;
const status = document.getElementById('status') as HTMLParagraphElement;
const generate = document.getElementById('generate') as HTMLButtonElement;

Object.assign(document.documentElement, { lang, dir });
document.title = t('guardPassphrase.title');
(document.getElementById('label') as HTMLLabelElement).textContent = t('guardPassphrase.label');
(document.getElementById('reminder') as HTMLParagraphElement).textContent = t('guardPassphrase.reminder');
generate.textContent = t('guardPassphrase.generate');
create.textContent = t('guardPassphrase.create');

generate.addEventListener('click', () => {
  input.value = generatePassphrase();
  input.select();
  status.textContent = '';
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const passphrase = input.value;
  if (passphrase.trim().length === 0) {
    status.textContent = t('guardPassphrase.empty');
    input.focus();
    return;
  }
  create.disabled = true;
  status.textContent = '';
  void sendMessage('guardPassphrase', { requestId, passphrase })
    .catch(() => false)
    .then((delivered) => {
      if (delivered) return;
      create.disabled = false;
      status.textContent = t('guardPassphrase.gone');
    });
});

input.focus();
