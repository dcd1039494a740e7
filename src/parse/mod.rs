pub mod frontmatter;
pub mod markdown;
pub mod yaml;
