"""/procedures.json and /conditions.json from front matter (see
painref.opendata), written as build files so `mkdocs serve` has them too."""

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from painref import opendata, site


def on_files(files, config):
    loaded = site.current()
    exports = {
        opendata.PROCEDURES_FILE: opendata.procedures(loaded.procedures, config.site_url),
        opendata.CONDITIONS_FILE: opendata.conditions(loaded.conditions, loaded.procedures, config.site_url),
    }
    for name, data in exports.items():
        if files.get_file_from_path(name) is not None:
            raise PluginError(f"docs/{name}: the build writes {name} from front matter; fix: delete docs/{name}")
        files.append(File.generated(config, name, content=opendata.dumps(data)))
    return files
