// A "Preview" button under each Markdown field: the text rendered exactly as the public page renders it.
document.addEventListener("DOMContentLoaded", () => {
  const previewUrl = () => document.querySelector("[data-markdown-preview-url]")?.dataset.markdownPreviewUrl;
  const csrfToken = () => document.querySelector("[name=csrfmiddlewaretoken]")?.value;

  document.querySelectorAll("textarea[data-markdown-preview]").forEach((textarea) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button markdown-preview-button";
    button.textContent = "Preview";
    const output = document.createElement("div");
    output.className = "markdown-preview";
    output.setAttribute("aria-live", "polite");
    textarea.after(button, output);
    button.addEventListener("click", async () => {
      const body = new URLSearchParams({ text: textarea.value });
      const response = await fetch(previewUrl(), {
        method: "POST", body, headers: { "X-CSRFToken": csrfToken() }, credentials: "same-origin",
      });
      // The server sanitises the HTML with the site's one Markdown configuration.
      const reply = await response.json().catch(() => ({}));
      if (response.ok) output.innerHTML = reply.html;
      else output.textContent = reply.error || "Preview unavailable.";
    });
  });
});
