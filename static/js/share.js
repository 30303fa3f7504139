// "Copy link" copies the guide's address instead of following it, where the browser allows.
document.querySelectorAll("[data-copy-link]").forEach((link) => {
  link.addEventListener("click", async (event) => {
    if (!navigator.clipboard) return;
    event.preventDefault();
    const status = link.closest(".share").querySelector(".share__status");
    try {
      await navigator.clipboard.writeText(link.href);
      status.textContent = "Link copied.";
    } catch {
      status.textContent = "Copy failed: the link is " + link.href;
    }
  });
});
