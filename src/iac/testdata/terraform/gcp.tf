resource "google_storage_bucket" "public" {
  name                        = "palisade-public-site"
  location                    = "EU"
  uniform_bucket_level_access = false

  website {
    main_page_suffix = "index.html"
  }
}

resource "google_storage_bucket_iam_member" "public_read" {
  bucket = google_storage_bucket.public.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket_iam_binding" "writers" {
  bucket  = google_storage_bucket.public.name
  role    = "roles/storage.objectAdmin"
  members = ["allAuthenticatedUsers", "group:ops@example.com"]
}

resource "google_compute_firewall" "ssh" {
  name    = "allow-ssh"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["22", "3389"]
  }

  source_ranges = ["0.0.0.0/0"]
}
