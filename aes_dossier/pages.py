"""The pages of the site: the plan (``site_plan``) and the renderer (``render``), under the
names the rest of the project imports."""

from .render import Renderer, render_pages, render_site, sort_text, template_environment
from .site_plan import (DEFAULT_LANGUAGE, Page, article_heading, build_nav, directory_url, even_slices, event_pages,
                        localized_path, outside_nav, paged_paths, plan_pages, record_path, year_slices)

__all__ = ["DEFAULT_LANGUAGE", "Page", "Renderer", "article_heading", "build_nav", "directory_url", "even_slices",
           "event_pages", "localized_path", "outside_nav", "paged_paths", "plan_pages", "record_path", "render_pages",
           "render_site", "sort_text", "template_environment", "year_slices"]
