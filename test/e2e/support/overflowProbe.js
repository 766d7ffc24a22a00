/* Runs in the browser page (plain script, no build): renders a card with the official renderer and lists
 * every box whose content does not fit: text cut off inside a clipping box, or anything past the card's edge. */
/* global window, document, getComputedStyle */
window.probeCard = function probeCard(card, width, hostConfig) {
  const AC = window.AdaptiveCards;
  // Teams renders Markdown in TextBlocks (bold, lists, links); the renderer leaves it to the host. As the
  // Adaptive Cards JavaScript docs show it (Render a card), markdown-it turns it into HTML, raw HTML escaped.
  const markdown = window.markdownit();
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown.render(text);
    result.didProcess = true;
  };
  const host = document.getElementById('host');
  host.style.width = `${width}px`;
  host.replaceChildren();
  const adaptive = new AC.AdaptiveCard();
  adaptive.hostConfig = new AC.HostConfig(hostConfig);
  adaptive.parse(card);
  const element = adaptive.render();
  host.appendChild(element);
  const edge = host.getBoundingClientRect().right;
  const found = [];
  for (const node of Array.from(element.querySelectorAll('*'))) {
    const box = node.getBoundingClientRect();
    if (box.width === 0) continue;
    const text = (node.innerText || node.getAttribute('aria-label') || '').trim().slice(0, 80);
    const name = `${node.tagName.toLowerCase()}.${String(node.className).split(' ')[0]}`;
    if (box.right > edge + 1) found.push({ element: name, text, how: `sticks out ${Math.round(box.right - edge)} px past the card's right edge` });
    const style = getComputedStyle(node);
    const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
    if (clips && node.scrollWidth > node.clientWidth + 1) found.push({ element: name, text, how: `content ${node.scrollWidth} px wide in a ${node.clientWidth} px box` });
  }
  return found;
};
