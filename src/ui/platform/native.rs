//! The desktop window: eframe's native runner, the preferences and the autosave in the
//! app's data folder.

use super::autosave::Autosave;
use crate::ui::shell::app::App;
use crate::ui::shell::frame_log::FrameLog;
use web_time::Instant;

/// A class link the window opens on.
pub(crate) enum Opening {
    /// The *Join class* window on this class address.
    Class(String),
    /// The read-only view of this watch or follow link.
    Watch(String),
}

/// Opens the window on `patient`, or the remembered (or built-in default) patient; with a
/// class link, on that.
pub(crate) fn run(patient: Option<String>, class: Option<Opening>) -> anyhow::Result<()> {
    let started = Instant::now();
    let probe = std::env::var_os("SCS_SIM_FIRST_FRAME").is_some();
    let frame_log = std::env::var_os("SCS_SIM_FRAME_LOG").is_some_and(|v| v != "0");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("scs-sim — implantable pain therapy simulator")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([1024.0, 640.0]),
        // Dithering costs every pixel a few operations more; a software rasterizer feels it.
        dithering: false,
        // OpenGL: with Mesa's software rasterizer a frame costs about a quarter of the
        // CPU that wgpu on lavapipe needs (README, Speed). SCS_SIM_RENDERER=wgpu for wgpu.
        renderer: if std::env::var("SCS_SIM_RENDERER").is_ok_and(|r| r == "wgpu") {
            eframe::Renderer::Wgpu
        } else {
            eframe::Renderer::Glow
        },
        ..Default::default()
    };
    eframe::run_native(
        "scs-sim",
        options,
        Box::new(move |cc| {
            let autosave =
                eframe::storage_dir("scs-sim").map(|d| Autosave::File(d.join("autosave.ron")));
            let mut app = App::from_storage(cc.storage, autosave);
            if let Some(id) = &patient {
                app.open_patient(id);
            }
            match &class {
                Some(Opening::Class(address)) => app.join_class(address),
                Some(Opening::Watch(link)) => {
                    if let Err(why) = app.watch(link) {
                        app.status = Some(why);
                    }
                }
                None => {}
            }
            app.first_frame_probe = probe.then_some(started);
            app.frame_log = frame_log.then(FrameLog::new);
            app.clear_behind_panels = true;
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| {
        anyhow::anyhow!(
            "cannot open the window: {e} (on Debian or Ubuntu, `sudo bash scripts/setup-debian.sh` installs the libraries it needs)"
        )
    })
}
