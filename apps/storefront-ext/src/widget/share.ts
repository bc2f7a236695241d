/** Share targets for the referral link: each opens the shopper's own app with the message filled in. */
export interface ShareLinks {
  email: string;
  sms: string;
  whatsapp: string;
}

export function shareLinks(message: string, subject: string): ShareLinks {
  const text = encodeURIComponent(message);
  return {
    email: `mailto:?subject=${encodeURIComponent(subject)}&body=${text}`,
    // `sms:?&body=` is the form both iOS and Android open with the body filled in.
    sms: `sms:?&body=${text}`,
    whatsapp: `https://wa.me/?text=${text}`,
  };
}

/** Copies text: the async Clipboard API, else a hidden textarea and `execCommand` (older Safari, http). */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;top:0;left:0;opacity:0";
    doc.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = doc.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}
