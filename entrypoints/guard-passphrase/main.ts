// The passphrase step of the paste guard's prompt. An extension page framed in the prompt: what is
// typed here reaches no page script (a page sees the keys typed into its own frames only), and
// the passphrase goes to the guard holding the paste through the background.
import '@/assets/theme.css';
import './style.css';
import { sendMessage } from '@/utils/messaging';
import { generatePassphrase } from '@/utils/share/passphrase';

// The request id names the held paste; it is dropped from the address at once.
const requestId = location.hash.slice(1);
history.replaceState(null, '', location.pathname);

const form = document.getElementById('form') as HTMLFormElement;
const input = document.getElementById('passphrase') as HTMLInputElement;
const create = document.getElementById('create') as HTMLButtonElement;
const status = document.getElementById('status') as HTMLParagraphElement;

document.getElementById('generate')?.addEventListener('click', () => {
  input.value = generatePassphrase();
  input.select();
  status.textContent = '';
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const passphrase = input.value;
  if (passphrase.trim().length === 0) {
    status.textContent = 'Type a passphrase, or choose Generate.';
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
      status.textContent = 'This paste is no longer waiting. Paste it again.';
    });
});

input.focus();
